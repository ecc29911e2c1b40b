/**
 * The one list of strings read as a missing cell, in every format: pandas 2's default
 * `na_values` (`pandas._libs.parsers.STR_NA_VALUES`, which 2.0 extended with "None"),
 * the empty cell included. Matched exactly, case and spaces included, as pandas does:
 * "na" and " NA" are values. Documented in the README ("How the training data is counted").
 */
export const PANDAS_NA: readonly string[] = [
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
];
