// Rough spoken weight of a word, used to spread a cue's time over its words when no word timings exist.
// Vowel groups approximate syllables in Latin-script languages; scripts without vowels (CJK) count characters;
// digits count as about one syllable each.

const VOWELS = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]+/giu;

export function countSyllables(word: string): number {
  const letters = word.normalize("NFC").replace(/[^\p{L}\p{N}]/gu, "");
  if (letters.length === 0) return 0;
  const digits = (letters.match(/\p{N}/gu) ?? []).length;
  const latin = letters.replace(/\p{N}/gu, "");
  let groups = (latin.match(VOWELS) ?? []).length;
  // English silent final "e" ("make"), but not "the", "be" or "-le" endings.
  if (groups > 1 && /[^aeiouy]e$/i.test(latin) && !/le$/i.test(latin)) groups--;
  if (groups === 0 && latin.length > 0) groups = /^[\p{Script=Latin}]+$/u.test(latin) ? 1 : latin.length;
  return groups + digits;
}
