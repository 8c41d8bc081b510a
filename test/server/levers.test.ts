import {describe, expect, it} from "vitest";
import {runOverridesSchema} from "../../server/api/schemas.ts";
import {leverGrid, renderLeverControls} from "../../server/pages/levers.ts";

describe("leverGrid", () => {
  it("leverGrid() lists each control's values alone, once, as valid overrides", () => {
    const grid = leverGrid();
    expect(grid).toHaveLength(72);
    expect(new Set(grid.map((o) => JSON.stringify(o))).size).toBe(72);
    for (const overrides of grid) {
      expect(Object.keys(overrides)).toHaveLength(1);
      expect(runOverridesSchema.parse(overrides)).toEqual(overrides);
    }
    expect(grid.slice(0, 6)).toEqual([2, 3, 5, 10, 20, 30].map((replications) => ({replications})));
  });

  it("leverGrid() holds the overrides the page's sliders send (2 ** value to 6 digits, shares to 0.05)", () => {
    const grid = leverGrid().map((o) => JSON.stringify(o));
    for (const log2 of [-2, -1.75, -0.25, 0.25, 1, 2])
      for (const name of ["volumeScale", "replyLatencyScale"])
        expect(grid).toContain(JSON.stringify({[name]: Number((2 ** log2).toPrecision(6))}));
    for (const share of ["0", "0.05", "0.3", "0.45", "1"])
      expect(grid).toContain(JSON.stringify({adEntryShare: Number(share)}));
    expect(grid).toContain(JSON.stringify({marketingCapPerWeek: null}));
    // every option of the selects, but the scenario's own value, is in the grid
    const html = renderLeverControls({});
    for (const select of Array.from(html.matchAll(/<select[^>]*name="(\w+)"[^]*?<\/select>/g))) {
      const name = select[1]!;
      for (const option of Array.from(select[0].matchAll(/<option value="([^"]*)"/g))) {
        const value = option[1]!;
        if (value === "") continue;
        const parsed = name === "pricing" ? value : value === "none" ? null : Number(value);
        expect(grid, `${name}=${value}`).toContain(JSON.stringify({[name]: parsed}));
      }
    }
  });
});
