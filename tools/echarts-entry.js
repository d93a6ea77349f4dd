// The ECharts build foi-lens vendors (www/vendor/echarts.min.js): only the charts and components
// the app uses, to keep the single-file page small. Regenerate with `./x vendor-echarts`.
// charming calls the global `echarts.init`, so the module is exposed as `window.echarts`.
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent,
  RadarComponent, TitleComponent, TooltipComponent, DatasetComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, BoxplotChart, LineChart, RadarChart, ScatterChart,
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent,
  RadarComponent, TitleComponent, TooltipComponent, DatasetComponent,
  LabelLayout, CanvasRenderer, SVGRenderer,
]);
window.echarts = echarts;
