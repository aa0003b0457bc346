// Every `ips-jobs …` command of docs/automation.md's code blocks runs as written and exits as the page says (doc-pages.ts).
import { describePage } from './doc-pages.js';

describePage('docs/automation.md');
