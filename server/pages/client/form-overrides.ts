/**
 * Reads the lever controls of a form into run overrides (the inverse of the server's
 * `renderLeverControls`): a control whose value equals its `data-omit` sends nothing.
 * @example formOverrides(form) // => {volumeScale: 2, marketingCapPerWeek: null}
 */
export function formOverrides(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const control of Array.from(
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-kind]"),
  )) {
    const value = control.value;
    if (value === (control.dataset.omit ?? "")) continue;
    switch (control.dataset.kind) {
      case "string":
        out[control.name] = value;
        break;
      case "log2":
        out[control.name] = Number((2 ** Number(value)).toPrecision(6));
        break;
      case "cap":
        out[control.name] = value === "none" ? null : Number(value);
        break;
      default:
        out[control.name] = Number(value);
    }
  }
  return out;
}

/**
 * The label of a control's current value, shown in its `<output>`.
 * @example leverLabel(rangeWithKindLog2AndValue1) // => "×2"
 */
export function leverLabel(control: HTMLInputElement | HTMLSelectElement): string {
  if (control instanceof HTMLSelectElement) return "";
  const value = Number(control.value);
  if (control.dataset.kind === "log2") return `\u00d7${Number((2 ** value).toPrecision(3))}`;
  if (control.value === control.dataset.omit) return "as in the scenario";
  return `${Math.round(value * 100)} %`;
}

/**
 * Overrides as a page query string ("" when none), so a page with levers set can be shared.
 * @example overridesQuery({volumeScale: 2, marketingCapPerWeek: null}) // => "?volumeScale=2&marketingCapPerWeek=none"
 */
export function overridesQuery(
  overrides: Record<string, unknown>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(overrides)) params.set(k, v === null ? "none" : String(v));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
