// The parts of Chart.js the report uses, bundled by esbuild into assets/chart.min.js
// (npm run build:chart). Registering only these saves ~18 KB of every report; the legends
// are the page's own HTML (one legend for the whole page's colours), which saves 9 KB more.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
globalThis.Chart = Chart;
