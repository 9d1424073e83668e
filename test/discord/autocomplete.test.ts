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
    expect(departmentChoices("dept:").length).toBeLessThanOrEqual(25);
    const long = `${"word ".repeat(18)}dept:depart`;
    for (const c of departmentChoices(long)) {
      expect(c.value.length).toBeLessThanOrEqual(100);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });
});
