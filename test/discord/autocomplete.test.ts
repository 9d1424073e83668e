import { describe, expect, it } from "vitest";
import { departmentChoices } from "../../src/adapters/discord/autocomplete.ts";

describe("department autocomplete", () => {
  it("offers the whole query with matching departments after dept:", () => {
    const choices = departmentChoices("visas dept:home");
    expect(choices[0]).toEqual({ name: 'visas dept:"Home Office"', value: 'visas dept:"Home Office"' });
  });

  it("quotes names with spaces and continues a quoted value", () => {
    const values = departmentChoices('dept:"foreign, comm').map((c) => c.value);
    expect(values).toContain('dept:"Foreign, Commonwealth and Development Office"');
    expect(departmentChoices("dept:treas").map((c) => c.value)).toContain("dept:Treasury");
  });

  it("offers nothing when not typing a dept: filter, or once an unquoted one is finished", () => {
    expect(departmentChoices("xinjiang")).toEqual([]);
    expect(departmentChoices("dept:home office")).toEqual([]);
  });

  it("caps at 25 choices and 100 characters", () => {
    expect(departmentChoices("dept:")).toHaveLength(25);
    // 75 characters before dept: leave room for the short names only: some choices stay, the
    // long ones go, and each that stays is within Discord's 100.
    const prefix = "word ".repeat(15);
    const kept = departmentChoices(`${prefix}dept:`).map((c) => c.value);
    const fitting = departmentChoices("dept:")
      .map((c) => `${prefix}${c.value}`)
      .filter((v) => v.length <= 100);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(25);
    expect(kept).toEqual(fitting);
    for (const c of departmentChoices(`${prefix}dept:`)) {
      expect(c.value.length).toBeLessThanOrEqual(100);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });
});
