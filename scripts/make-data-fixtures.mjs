#!/usr/bin/env node
// Writes the data-format fixtures that are not plain text: a Parquet file (hyparquet-writer)
// and a Latin-1 CSV. Deterministic: node scripts/make-data-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';

const dir = new URL('../test/fixtures/data/', import.meta.url);
const rows = [
  ['Candy Saga', 'GAME', 4.5],
  ['Chess Free', 'GAME', null],
  ['Notes Pro', 'PRODUCTIVITY', 4.1],
  ['Candy Saga', 'GAME', 4.5],
  ['Café Zoë', 'FOOD_AND_DRINK', 3.9],
];
const buffer = parquetWriteBuffer({
  columnData: [
    { name: 'App', data: rows.map((r) => r[0]), type: 'STRING' },
    { name: 'Category', data: rows.map((r) => r[1]), type: 'STRING' },
    { name: 'Rating', data: rows.map((r) => r[2]), type: 'DOUBLE' },
  ],
  rowGroupSize: 2, // several row groups, as large files have
});
writeFileSync(new URL('apps.parquet', dir), new Uint8Array(buffer));
// "Café" and "Zoë" in Latin-1: single bytes 0xE9 and 0xEB, invalid as UTF-8
writeFileSync(new URL('latin1.csv', dir), Buffer.from('App,Category\nCafé,FOOD\nZoë,FOOD\nPlain,GAME\n', 'latin1'));
console.log('wrote apps.parquet and latin1.csv');
