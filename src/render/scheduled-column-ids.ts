// The column ids of `ips-jobs scheduled`, apart from their renderers, so its --help loads no renderer.
export const SCHEDULED_DEFAULT_COLUMNS = ['name', 'type', 'schedule', 'next', 'zone', 'state', 'user'] as const;
export const SCHEDULED_WIDE_COLUMNS = [...SCHEDULED_DEFAULT_COLUMNS, 'handle', 'original', 'locale', 'description', 'detail'] as const;
