// Preloaded (node --import) into each child of scripts/hostile-bounds.ts: writes the
// process's peak RSS (kB) to $MLOPS_PEAK_FILE when it exits, so no GNU time is needed.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.MLOPS_PEAK_FILE) writeFileSync(process.env.MLOPS_PEAK_FILE, String(process.resourceUsage().maxRSS));
});
