// The four charts of a region (ECharts, served from the hub's own node_modules): series are named in Chinese and the
// tooltips carry the English.
import { COLUMNS, shortName } from './figures.js';

const echarts = window.echarts;
const COLORS = ['#1f6feb', '#f59e0b', '#dc2626', '#16a34a', '#8b5cf6', '#0891b2'];
const column = (key) => COLUMNS.find((c) => c.key === key);
const charts = new Map();

function chart(id) {
  if (!charts.has(id)) {
    const instance = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    window.addEventListener('resize', () => instance.resize());
    charts.set(id, instance);
  }
  return charts.get(id);
}

const tooltip = {
  trigger: 'axis',
  axisPointer: { type: 'shadow' },
  formatter: (items) =>
    [
      items[0].name,
      ...items.map(
        (i) =>
          `${i.marker}${i.seriesName} <small>${column(i.seriesId).en}</small>: <b>${i.value ?? '抑制 withheld'}</b>`,
      ),
    ].join('<br>'),
};

function barsByChild(id, parent, children, keys, stack) {
  // a label may wrap onto a second line but not run into its neighbour
  const labelWidth = Math.max(24, (chart(id).getWidth() - 60) / Math.max(children.length, 1) - 4);
  chart(id).setOption(
    {
      animation: false,
      color: COLORS,
      tooltip,
      legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      // a fourth series wraps the legend onto a second line
      grid: { left: 44, right: 8, top: keys.length > 3 ? 42 : 26, bottom: 44 },
      xAxis: {
        type: 'category',
        data: children.map((f) => shortName(f.region.name, parent)),
        axisLabel: {
          interval: 0,
          rotate: children.length > 10 ? 30 : 0,
          fontSize: 11,
          width: labelWidth,
          overflow: 'break',
        },
      },
      yAxis: { type: 'value', axisLabel: { fontSize: 11 } },
      series: keys.map((key) => ({
        id: key,
        name: column(key).zh,
        type: 'bar',
        stack,
        barMaxWidth: 28,
        data: children.map((f) => column(key).get(f).value),
      })),
    },
    true,
  );
}

export function drawCharts(own, children) {
  barsByChild('chart-residents', own.region.name, children, ['registered', 'floating', 'overseas'], 'residents');
  barsByChild(
    'chart-assistance',
    own.region.name,
    children,
    ['minimumLivingCases', 'extremePovertyCases', 'temporaryCases'],
    undefined,
  );
  barsByChild(
    'chart-work',
    own.region.name,
    children,
    ['openEvents', 'overdueEvents', 'incidents', 'rentalsNeedingAttention'],
    undefined,
  );
  const ages = ['under18', 'age18to59', 'age60to79', 'age80plus'];
  chart('chart-ages').setOption(
    {
      animation: false,
      color: ['#93c5fd', '#1f6feb', '#f59e0b', '#dc2626'],
      tooltip: {
        trigger: 'item',
        formatter: (i) =>
          `${i.marker}${i.name} <small>${column(i.data.key).en}</small>: <b>${i.value}</b> (${i.percent}%)`,
      },
      legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      series: [
        {
          type: 'pie',
          radius: ['36%', '70%'],
          center: ['50%', '44%'],
          minShowLabelAngle: 12,
          label: { position: 'inside', formatter: '{d}%', fontSize: 11, color: '#fff' },
          data: ages
            .map((key) => ({ key, name: column(key).zh, value: column(key).get(own).value }))
            .filter((d) => d.value !== null),
        },
      ],
    },
    true,
  );
}
