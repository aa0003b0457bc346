// Cursor visibility codes, apart from the live screen so that showing the cursor costs no renderer load.
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
