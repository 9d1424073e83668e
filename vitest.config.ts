import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The corpus tests import and index 58k questions in their setup.
    hookTimeout: 300_000,
    testTimeout: 60_000,
  },
});
