#!/usr/bin/env node
// Writes data/apps.csv: a Play-Store-like data set of apps and their categories.
// Deterministic (seeded PRNG, no clock), so the committed file can be regenerated
// byte for byte:  node scripts/make-sample-data.mjs [rows] [out]
// Streams its output, so `npm run bench` uses it for 1 M and 10 M rows too.
//
// The numeric columns and the app names depend on the category, so a model can
// learn it (not perfectly: a share of names are generic and distributions overlap).
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const ROWS = Number(process.argv[2] ?? 9309);
const OUT = process.argv[3] ?? 'data/apps.csv';

// mulberry32: tiny, fast, good enough for sample data; the seed makes it reproducible.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20260103);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const gauss = () => {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
};

// Category: [weight like the real store, name words, size MB median, paid share, rating mean, content ratings, genres]
const CATEGORIES = {
  FAMILY: [
    1972,
    ['Kids', 'Puzzle', 'Toddler', 'Coloring', 'Baby', 'ABC', 'Preschool'],
    35,
    0.1,
    4.2,
    ['Everyone', 'Everyone 10+'],
    ['Education', 'Casual', 'Puzzle', 'Simulation'],
  ],
  GAME: [
    1144,
    ['Racing', 'Quest', 'Battle', 'Legends', 'Clash', 'Arcade', 'Runner'],
    60,
    0.05,
    4.3,
    ['Everyone 10+', 'Teen', 'Mature 17+'],
    ['Action', 'Arcade', 'Racing', 'Adventure'],
  ],
  TOOLS: [
    843,
    ['Cleaner', 'Flashlight', 'Battery', 'Scanner', 'Booster', 'Manager', 'Toolbox'],
    6,
    0.06,
    4.0,
    ['Everyone'],
    ['Tools'],
  ],
  MEDICAL: [
    463,
    ['Medical', 'Dosage', 'Anatomy', 'Clinic', 'Nursing', 'Pharmacy', 'Pill'],
    18,
    0.35,
    4.1,
    ['Everyone', 'Mature 17+'],
    ['Medical'],
  ],
  BUSINESS: [
    460,
    ['Business', 'Invoice', 'CRM', 'Office', 'Meeting', 'Payroll', 'Biz'],
    14,
    0.04,
    4.1,
    ['Everyone'],
    ['Business'],
  ],
  PRODUCTIVITY: [
    424,
    ['Notes', 'Tasks', 'Calendar', 'PDF', 'Docs', 'Planner', 'Todo'],
    12,
    0.09,
    4.2,
    ['Everyone'],
    ['Productivity'],
  ],
  PERSONALIZATION: [
    392,
    ['Theme', 'Wallpaper', 'Launcher', 'Icon Pack', 'Keyboard', 'Lock Screen', 'Widget'],
    9,
    0.2,
    4.3,
    ['Everyone', 'Teen'],
    ['Personalization'],
  ],
  COMMUNICATION: [
    387,
    ['Messenger', 'Chat', 'Call', 'SMS', 'Browser', 'Mail', 'Dialer'],
    22,
    0.03,
    4.2,
    ['Everyone', 'Teen'],
    ['Communication'],
  ],
  SPORTS: [
    384,
    ['Football', 'Soccer', 'Cricket', 'Golf', 'Fantasy', 'Score', 'League'],
    25,
    0.05,
    4.2,
    ['Everyone'],
    ['Sports'],
  ],
  LIFESTYLE: [
    382,
    ['Horoscope', 'Quotes', 'Lifestyle', 'Prayer', 'Tattoo', 'Fashion', 'Ideas'],
    13,
    0.05,
    4.1,
    ['Everyone', 'Teen'],
    ['Lifestyle'],
  ],
  FINANCE: [
    366,
    ['Bank', 'Budget', 'Wallet', 'Loan', 'Stocks', 'Pay', 'Crypto'],
    20,
    0.03,
    4.1,
    ['Everyone'],
    ['Finance'],
  ],
  HEALTH_AND_FITNESS: [
    341,
    ['Fitness', 'Workout', 'Yoga', 'Diet', 'Calorie', 'Step Counter', 'Run'],
    21,
    0.04,
    4.3,
    ['Everyone'],
    ['Health & Fitness'],
  ],
  PHOTOGRAPHY: [
    335,
    ['Photo', 'Camera', 'Selfie', 'Collage', 'Filter', 'Photo Editor', 'Beauty Cam'],
    17,
    0.03,
    4.2,
    ['Everyone'],
    ['Photography'],
  ],
  SOCIAL: [
    295,
    ['Social', 'Friends', 'Community', 'Followers', 'Status', 'Meet', 'Share'],
    24,
    0.01,
    4.2,
    ['Teen', 'Mature 17+'],
    ['Social'],
  ],
  NEWS_AND_MAGAZINES: [
    283,
    ['News', 'Daily', 'Times', 'Headlines', 'Magazine', 'Gazette', 'Post'],
    11,
    0.01,
    4.1,
    ['Everyone 10+', 'Teen'],
    ['News & Magazines'],
  ],
  SHOPPING: [
    260,
    ['Shop', 'Deals', 'Coupons', 'Store', 'Market', 'Cashback', 'Outlet'],
    16,
    0.01,
    4.2,
    ['Everyone'],
    ['Shopping'],
  ],
  TRAVEL_AND_LOCAL: [
    258,
    ['Travel', 'Hotel', 'Flights', 'Trip', 'City Guide', 'Transit', 'Tour'],
    19,
    0.04,
    4.1,
    ['Everyone'],
    ['Travel & Local'],
  ],
  DATING: [
    234,
    ['Dating', 'Singles', 'Love', 'Match', 'Flirt', 'Date', 'Romance'],
    15,
    0.02,
    4.0,
    ['Mature 17+'],
    ['Dating'],
  ],
  BOOKS_AND_REFERENCE: [
    231,
    ['Bible', 'Dictionary', 'Books', 'Quran', 'Library', 'Reader', 'Encyclopedia'],
    10,
    0.1,
    4.4,
    ['Everyone'],
    ['Books & Reference'],
  ],
  VIDEO_PLAYERS: [
    175,
    ['Video', 'Player', 'Movie', 'Tube', 'Streaming', 'Video Editor', 'HD'],
    18,
    0.02,
    4.1,
    ['Everyone', 'Teen'],
    ['Video Players & Editors'],
  ],
  EDUCATION: [
    156,
    ['Learn', 'English', 'Math', 'Quiz', 'Language', 'Exam', 'Study'],
    15,
    0.05,
    4.4,
    ['Everyone'],
    ['Education'],
  ],
  ENTERTAINMENT: [
    149,
    ['Fun', 'Prank', 'Trivia', 'Jokes', 'Celebrity', 'TV', 'Memes'],
    23,
    0.03,
    4.1,
    ['Teen', 'Everyone 10+'],
    ['Entertainment'],
  ],
  MAPS_AND_NAVIGATION: [
    137,
    ['Maps', 'GPS', 'Navigation', 'Route', 'Traffic', 'Compass', 'Offline Map'],
    14,
    0.06,
    4.0,
    ['Everyone'],
    ['Maps & Navigation'],
  ],
  FOOD_AND_DRINK: [
    127,
    ['Recipes', 'Food', 'Delivery', 'Cooking', 'Café', 'Pizza', 'Menu'],
    16,
    0.02,
    4.2,
    ['Everyone'],
    ['Food & Drink'],
  ],
  HOUSE_AND_HOME: [
    88,
    ['Home', 'Furniture', 'Garden', 'Decor', 'Real Estate', 'Rent', 'Interior'],
    15,
    0.01,
    4.2,
    ['Everyone'],
    ['House & Home'],
  ],
  LIBRARIES_AND_DEMO: [
    85,
    ['Demo', 'SDK', 'Sample', 'Library', 'Test App', 'Plugin', 'Example'],
    4,
    0.0,
    4.2,
    ['Everyone'],
    ['Libraries & Demo'],
  ],
  AUTO_AND_VEHICLES: [
    85,
    ['Car', 'Auto', 'Parking', 'Motor', 'Vehicle', 'Truck', 'Garage'],
    14,
    0.02,
    4.2,
    ['Everyone'],
    ['Auto & Vehicles'],
  ],
  WEATHER: [
    82,
    ['Weather', 'Forecast', 'Radar', 'Storm', 'Rain', 'Climate', 'Temperature'],
    9,
    0.07,
    4.2,
    ['Everyone'],
    ['Weather'],
  ],
  ART_AND_DESIGN: [
    65,
    ['Drawing', 'Sketch', 'Paint', 'Art', 'Design', 'Color', 'Canvas'],
    12,
    0.05,
    4.4,
    ['Everyone'],
    ['Art & Design'],
  ],
  EVENTS: [
    64,
    ['Events', 'Tickets', 'Wedding', 'Party', 'Countdown', 'Festival', 'Invite'],
    13,
    0.0,
    4.4,
    ['Everyone'],
    ['Events'],
  ],
  PARENTING: [
    60,
    ['Pregnancy', 'Parenting', 'Mom', 'Baby Tracker', 'Lullaby', 'Nursery', 'Newborn'],
    19,
    0.03,
    4.3,
    ['Everyone'],
    ['Parenting'],
  ],
  COMICS: [
    60,
    ['Comics', 'Manga', 'Webtoon', 'Anime', 'Cartoon', 'Superhero', 'Strip'],
    12,
    0.02,
    4.2,
    ['Teen', 'Mature 17+'],
    ['Comics'],
  ],
  BEAUTY: [
    53,
    ['Beauty', 'Makeup', 'Hairstyle', 'Nail', 'Skin Care', 'Salon', 'Cosmetics'],
    13,
    0.0,
    4.3,
    ['Everyone'],
    ['Beauty'],
  ],
};

// Generic words make a name carry no category signal; accented words exercise UTF-8.
const GENERIC = [
  'Pro',
  'Plus',
  'Lite',
  'Free',
  'Go',
  'Max',
  'Easy',
  'Smart',
  'Nova',
  'Pixel',
  'Zen',
  'Hub',
  'Now',
  'One',
  'Studio',
  'World',
  'Master',
  'Ultimate',
];
const BRANDS = [
  'Zapp',
  'Qwikly',
  'Orbita',
  'Lumo',
  'Vantix',
  'Kiwi',
  'Brio',
  'Señor',
  'Müller',
  'Zoë',
  'Ñandú',
  'Crème',
  'Björk',
  'Ōkami',
  'Łódź',
  'São',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const INSTALLS = [100, 500, 1000, 5000, 10000, 50000, 100000, 500000, 1000000, 5000000, 10000000, 50000000, 100000000];
const ANDROID = [
  '2.3 and up',
  '3.0 and up',
  '4.0 and up',
  '4.0.3 and up',
  '4.1 and up',
  '4.4 and up',
  '5.0 and up',
  '6.0 and up',
  '7.0 and up',
  '8.0 and up',
  'Varies with device',
];

function appName(words) {
  const r = rand();
  let name;
  if (r < 0.22)
    name = `${pick(BRANDS)} ${pick(GENERIC)}`; // no category signal at all
  else if (r < 0.6) name = `${pick(words)} ${pick(GENERIC)}`;
  else if (r < 0.8) name = `${pick(BRANDS)} ${pick(words)}`;
  else name = `${pick(words)} & ${pick(words)} ${pick(GENERIC)}`;
  const s = rand();
  if (s < 0.06)
    name = `${name}, ${pick(['by Orbita', 'Inc.', 'free edition', 'offline'])}`; // commas in a field
  else if (s < 0.09)
    name = `${name} "${pick(GENERIC)}"`; // embedded quotes
  else if (s < 0.11) name = `${pick(BRANDS)}'s ${name}`;
  return name;
}

function row(category, spec) {
  const [, words, sizeMb, paidShare, ratingMean, contentRatings, genres] = spec;
  const installs = INSTALLS[Math.max(0, Math.min(INSTALLS.length - 1, Math.round(6 + gauss() * 2.2)))];
  const reviews = Math.max(0, Math.round(installs * Math.exp(gauss() * 0.8 - 3.2)));
  const ratingMissing = reviews < 5 || rand() < 0.08;
  const rating = ratingMissing ? 'NaN' : Math.min(5, Math.max(1, ratingMean + gauss() * 0.35)).toFixed(1);
  const mb = Math.max(0.02, sizeMb * Math.exp(gauss() * 0.55));
  const size =
    rand() < 0.1
      ? 'Varies with device'
      : mb < 1
        ? `${Math.round(mb * 1000)}k`
        : `${mb < 10 ? mb.toFixed(1) : Math.round(mb)}M`;
  const paid = rand() < paidShare;
  const price = paid
    ? `$${pick(['0.99', '1.49', '1.99', '2.99', '3.99', '4.99', '6.99', '9.99', '14.99', '29.99'])}`
    : '0';
  const year = 2010 + Math.min(8, Math.floor(Math.abs(8 - Math.abs(gauss() * 2.5))));
  const updated = `${pick(MONTHS)} ${1 + Math.floor(rand() * 28)}, ${year}`;
  const version =
    rand() < 0.12
      ? 'Varies with device'
      : `${1 + Math.floor(rand() * 6)}.${Math.floor(rand() * 10)}.${Math.floor(rand() * 20)}`;
  return [
    appName(words),
    category,
    rating,
    String(reviews),
    size,
    `${installs.toLocaleString('en-US')}+`,
    paid ? 'Paid' : 'Free',
    price,
    pick(contentRatings),
    pick(genres),
    updated,
    version,
    pick(ANDROID),
  ];
}

// RFC 4180: quote a field when it holds a comma, a quote or a newline; double the quotes.
const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const generated = (c) => row(c, CATEGORIES[c]);

const names = Object.keys(CATEGORIES);
const total = names.reduce((s, c) => s + CATEGORIES[c][0], 0);
const HEADER = [
  'App',
  'Category',
  'Rating',
  'Reviews',
  'Size',
  'Installs',
  'Type',
  'Price',
  'Content Rating',
  'Genres',
  'Last Updated',
  'Current Ver',
  'Android Ver',
];
/** Duplicates copy an earlier row; remembering at most this many keeps 10 M rows in bounded memory. */
const RECENT = 100_000;

mkdirSync(dirname(OUT), { recursive: true });
const out = createWriteStream(OUT);
const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
await write(HEADER.join(',') + '\n');
const recent = [];
let batch = '';
for (let i = 0; i < ROWS; i++) {
  // sample a category by weight
  let r = rand() * total,
    c = names[0];
  for (const n of names) {
    r -= CATEGORIES[n][0];
    if (r < 0) {
      c = n;
      break;
    }
  }
  // every category appears at least a few times even in small files
  if (i < names.length) c = names[i];
  // about 0.5 % exact duplicates, as scraped store data has
  const row = i > 50 && rand() < 0.005 ? recent[Math.floor(rand() * recent.length)] : generated(c);
  if (recent.length < RECENT) recent.push(row);
  else recent[i % RECENT] = row;
  batch += row.map(field).join(',') + '\n';
  if (batch.length > 1 << 20) {
    await write(batch);
    batch = '';
  }
}
await write(batch);
await new Promise((r) => out.end(r));
console.log(`wrote ${OUT}: ${ROWS} rows, ${names.length} categories`);
