// Every `ips-jobs …` command of README.md's code blocks runs as written and exits as the page says (doc-pages.ts).
import { describePage } from './doc-pages.js';

describePage('README.md');
