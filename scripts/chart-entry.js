// The parts of Chart.js the report uses, bundled by esbuild into assets/chart.min.js
// (npm run build:chart). Registering only these saves ~18 KB of every report.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
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
  Legend,
  Tooltip,
);
globalThis.Chart = Chart;
