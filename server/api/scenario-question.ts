import {parse as parseYaml} from "yaml";

/**
 * The question a scenario file answers: its top-level `question:` field, else the first paragraph
 * of its header comment (the `#` lines before the first key), joined into one line; "" if neither.
 * Never throws: a file that is not YAML gives its header comment or "".
 * @example scenarioQuestion("# Which edition is cheapest\n# for the shop?\n#\n# npx ...\nname: x\n") // => "Which edition is cheapest for the shop?"
 */
export function scenarioQuestion(text: string): string {
  try {
    const doc: unknown = parseYaml(text);
    if (typeof doc === "object" && doc !== null && "question" in doc) {
      const question = (doc as {question: unknown}).question;
      if (typeof question === "string" && question.trim() !== "")
        return question.trim().replace(/\s+/g, " ");
    }
  } catch {
    // not YAML: the header comment still says what the file is about
  }
  const paragraph: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^#\s?(.*)$/.exec(line);
    if (match === null) break;
    const content = match[1]!.trim();
    if (content === "") {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(content);
  }
  return paragraph.join(" ");
}
