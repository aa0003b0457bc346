// The shape of examples/grafana/ips-jobs.json, from Grafana's published types (@grafana/schema): the dashboard
// model, and for each panel the options and field config of its panel plugin. `checkDashboardShape` (grafana-schema.ts)
// has tsc check the file's JSON against it as an object literal, so an unknown key, a missing required one or a value
// outside a union or enum is a type error.
import type { DataQuery, DataSourceRef, Dashboard, FieldConfigSource, Panel, VariableModel } from '@grafana/schema';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as Table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/**
 * The types with each string enum (ThresholdsMode, FieldColorModeId, …) as the union of its values: a JSON file says
 * "absolute", which TypeScript's nominal enums refuse even where it is ThresholdsMode.Absolute's value. Numeric
 * enums take their number literals as they are.
 */
type Plain<T> = T extends string
  ? string extends T
    ? string
    : `${T}`
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

/**
 * A Prometheus query of a panel. Grafana's Prometheus data source defines it (PromQuery of @grafana/prometheus), not
 * @grafana/schema: its fields as that package gives them, on @grafana/schema's DataQuery.
 */
interface PrometheusQuery extends DataQuery {
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  interval?: string;
  editorMode?: 'code' | 'builder';
}

/** A panel of plugin `Type`, with that plugin's options and field config, querying Prometheus. */
type PanelOf<Type extends string, Options, Custom = Record<string, never>> = Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'targets' | 'datasource'> & {
  type: Type;
  datasource: DataSourceRef;
  targets: PrometheusQuery[];
  options: Options;
  fieldConfig: FieldConfigSource<Custom>;
};

type DashboardPanel =
  | PanelOf<'timeseries', TimeSeries.Options, TimeSeries.FieldConfig>
  | PanelOf<'stat', Stat.Options>
  | PanelOf<'bargauge', BarGauge.Options>
  | PanelOf<'table', Table.Options, Table.FieldConfig>;

/** What Grafana's "Import dashboard" reads besides the dashboard: the data sources to ask for, and the plugins needed. */
interface ImportInput {
  name: string;
  label: string;
  description?: string;
  type: 'datasource';
  pluginId: string;
  pluginName: string;
}
interface ImportRequirement {
  type: 'grafana' | 'datasource' | 'panel';
  id: string;
  name: string;
  version: string;
}

export type ImportableDashboard = Plain<
  Omit<Dashboard, 'panels' | 'templating'> & {
    __inputs: ImportInput[];
    __requires: ImportRequirement[];
    uid: string;
    panels: DashboardPanel[];
    templating: { list: Array<VariableModel & { datasource: DataSourceRef; query: string; definition?: string }> };
  }
>;
