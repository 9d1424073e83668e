/**
 * `fn` with its answers kept, up to `max` of them (then all forgotten at once): for functions of a
 * word or a field whose values are few next to how often they recur. Memoizing the identity
 * interns: every equal string comes back as the one kept.
 */
export function memoized(fn: (text: string) => string, max: number): (text: string) => string {
  const kept = new Map<string, string>();
  return (text) => {
    let answer = kept.get(text);
    if (answer === undefined) {
      answer = fn(text);
      if (kept.size >= max) kept.clear();
      kept.set(text, answer);
    }
    return answer;
  };
}
