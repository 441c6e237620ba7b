import type { Router } from 'express';
import { pageFolder } from '../shared/assets';

/** /dashboard: regional statistics for officials (public/), ECharts from npm. */
export const dashboard = (): Router => pageFolder('dashboard', { 'echarts.min.js': ['echarts', 'dist/echarts.min.js'] });
