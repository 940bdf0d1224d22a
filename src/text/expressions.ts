/**
 * The character classes and word lists the fast segmenter (`segment.ts`) decides with, written
 * here for decruft: the sentence and word rules they stand for are those of the retext parsers
 * (parse-latin, and parse-english for English), which stay the reference the test suite compares
 * the segmenter against (`test/retext.test.ts`). Which class a character is in comes from Unicode
 * general categories; the token classes themselves (`tokens.ts`) are a table generated from the
 * parser's public API, so they follow the parser's Unicode version exactly.
 */

/** Marks after which a sentence can end: full stop, exclamation and question marks, ellipsis, interrobang. */
export const TERMINAL_MARKS = new Set([0x21, 0x2e, 0x3f, 0x2026, 0x203d])

/** A token made of terminal marks only (`?!`, `...`). */
export function isTerminalValue(value: string): boolean {
  if (value.length === 0) return false
  for (let index = 0; index < value.length; index++) if (!TERMINAL_MARKS.has(value.charCodeAt(index))) return false
  return true
}

/** One mark that may sit inside a word between two of its parts (`don't`, `e-mail`, `a.m`, `AT&T`, `user@host`). */
const INNER_MARKS = new Set('&\'-.:=?@\u00ad\u00b7\u2010\u2011\u2019\u2027')

/** A mark token that may join the words on either side: one inner mark, or a run of underscores. */
export function isInnerWordSymbol(value: string): boolean {
  return INNER_MARKS.has(value) || /^_+$/.test(value)
}

/**
 * A character that closes what came before (closing brackets and quotes, and the marks that end a
 * sentence, `'` and `)` included): at a sentence's start it belongs to the sentence before.
 */
const CLOSING = /^[\p{Pe}\p{Pf}!"').?\u2026\u203d]$/u

/** A mark token (a run of one character) that closes what came before. */
export function isClosingMark(value: string): boolean {
  if (!CLOSING.test(value.charAt(0))) return false
  for (let index = 1; index < value.length; index++) if (value.charCodeAt(index) !== value.charCodeAt(0)) return false
  return true
}

/** A word that starts with a lower-case letter. */
export const startsLowerCase = (word: string): boolean => /^\p{Ll}/u.test(word)

/** A word that starts with an ASCII digit. */
export const startsWithDigit = (word: string): boolean => /^[0-9]/.test(word)

/** One numeric character (any script's digits, fractions, superscripts, Roman numerals). */
export const isNumeric = (value: string): boolean => /^\p{N}+$/u.test(value)

/**
 * English abbreviations, compared in lower case, after which a full stop ends no sentence: days,
 * months, units of measure and company forms.
 */
const ENGLISH_ABBREVIATIONS = new Set([
  // days and months
  'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  // measures and quantities
  'bbl', 'bbls', 'cu', 'doz', 'fl', 'ft', 'gal', 'gr', 'gro', 'hr', 'in', 'kt', 'lb', 'lbs', 'mi', 'min',
  'oz', 'pt', 'qt', 'sec', 'sq', 'tbsp', 'tsp', 'yd', 'yds',
  // companies
  'inc', 'ltd'
])

/**
 * English abbreviations compared as written (their case tells them from ordinary words): titles
 * and ranks, street and place words, US states, Canadian provinces and British counties.
 */
const ENGLISH_ABBREVIATIONS_CASED = new Set([
  // titles, ranks and forms of address
  'Amb', 'Atty', 'Brig', 'Capt', 'Cdr', 'Col', 'Dr', 'Fr', 'Gen', 'Gov', 'Hon', 'Jr', 'Lt', 'M', 'Maj', 'Messrs',
  'Mgr', 'Mlle', 'Mme', 'Mmes', 'Mr', 'Mrs', 'Ms', 'Mses', 'Msgr', 'Mx', 'Ph', 'Pres', 'Prof', 'Rep', 'Rev',
  'Sen', 'Sgt', 'Snr', 'Sr', 'St', 'Supt', 'Treas',
  // streets, places and buildings
  'Ave', 'Bldg', 'Bldgs', 'Blvd', 'Br', 'Co', 'Ft', 'Fwy', 'Hwy', 'Mt', 'Nat', 'Natl', 'Pk', 'Pkwy', 'Po', 'Pt',
  'Rd', 'Rt', 'Rte', 'Sec', 'Sq', 'Terr',
  // US states and territories
  'Ala', 'Ariz', 'Ark', 'Cal', 'Calif', 'Colo', 'Conn', 'Dak', 'Del', 'Fla', 'Ga', 'Ia', 'Id', 'Ida', 'Ill',
  'Ind', 'Kan', 'Kans', 'Ken', 'Ky', 'La', 'Mass', 'Md', 'Me', 'Mich', 'Minn', 'Miss', 'Mo', 'Mont', 'Neb',
  'Nebr', 'Nev', 'Ok', 'Okla', 'Ore', 'Pa', 'Pen', 'Penn', 'Penna', 'Tenn', 'Tex', 'Ut', 'Va', 'Vt', 'Wash',
  'Wis', 'Wisc', 'Wyo',
  // Canada and Mexico
  'Alta', 'Man', 'Mex', 'Ont', 'Que', 'Qu\u00e9', 'Sask', 'Yuk',
  // British counties
  'Beds', 'Berks', 'Bucks', 'Cambs', 'Ches', 'Corn', 'Cumb', 'Derbs', 'Derbys', 'Dev', 'Dor', 'Dur', 'Glos',
  'Hants', 'Here', 'Heref', 'Herts', 'Hunts', 'Lancs', 'Leics', 'Lincs', 'Mddx', 'Middx', 'Norf', 'Northants',
  'Northd', 'Northumb', 'Notts', 'Oxon', 'Rut', 'Salop', 'Shrops', 'Som', 'Ssx', 'Staf', 'Staffs', 'Suff', 'Sx',
  'Sy', 'War', 'Warks', 'Warw', 'Westm', 'Wilts', 'Wo', 'Worcs', 'Yorks'
])

/** An English abbreviation, in any case (`ENGLISH_ABBREVIATIONS`) or as written (`ENGLISH_ABBREVIATIONS_CASED`). */
export function isEnglishAbbreviation(word: string): boolean {
  return ENGLISH_ABBREVIATIONS.has(word.toLowerCase()) || ENGLISH_ABBREVIATIONS_CASED.has(word)
}

/** Words a full stop after which ends no sentence in any language: Latin abbreviations used in many. */
const LATIN_ABBREVIATIONS = new Set(['al', 'ca', 'cap', 'cca', 'cent', 'cf', 'cit', 'con', 'cp', 'cwt', 'ead', 'etc', 'ff', 'fl', 'ibid', 'id', 'nem', 'op', 'pro', 'seq', 'sic', 'stat', 'tem', 'viz'])

/** A word a full stop after which ends no sentence in any language: one ASCII letter, up to three digits, or a Latin abbreviation. */
export function isLatinAbbreviation(word: string): boolean {
  const lower = word.toLowerCase()
  if (lower.length === 1 && lower >= 'a' && lower <= 'z') return true
  if (lower.length <= 3 && /^[0-9]+$/.test(lower)) return true
  return LATIN_ABBREVIATIONS.has(lower)
}

/** English: a word an apostrophe after which belongs to it when white space is on both sides (`o'`, `ol'`). */
export const isElisionPrefix = (lower: string): boolean => lower === 'o' || lower === 'ol'

/** English: a word an apostrophe before which belongs to it (`'tis`, `'twas`, `'em`, `'cause`, `'90s`). */
export function isElisionAffix(lower: string): boolean {
  if (/^[0-9]{2}s?$/.test(lower)) return true
  return lower === 'tis' || lower === 'twas' || lower === 'twere' || lower === 'cause' || lower === 'em' || lower === 'er' || lower === 'im'
}
