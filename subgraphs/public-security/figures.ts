import { defineFigures } from '../../lib/stats/figures';

/**
 * Public security's figures of a region as of a day (lib/stats/figures.ts), counted where each record was recorded
 * (居住地, the rental's building, the incident's place) in resolvers/region-stats.resolver.ts, one fragment per table
 * (permits, rentals, incidents). Key-person data is in no figure.
 */
export const PUBLIC_SECURITY_FIGURES = defineFigures({
  department: 'public-security',
  path: ['publicSecurity'],
  type: 'PublicSecurityFigures',
  description: 'Public-security figures of a region (公安统计): floating population, rentals, incidents',
  figures: [
    {
      name: 'permitHolders',
      zh: '持居住证',
      description: 'Residents holding a residence permit valid on the day',
      unit: 'people',
      disclosure: 'count',
      dashboard: 'card',
    },
    {
      name: 'permitsExpiring',
      zh: '居住证30天到期',
      description: 'Current permits (the latest issue of each holder) expiring within 30 days of the day',
      unit: 'records',
      disclosure: 'count',
      dashboard: 'csv',
    },
    {
      name: 'rentals',
      zh: '出租房屋',
      description:
        'Rental housing registered with the police (出租备案) by the day; a rental with no registration date is never counted here',
      unit: 'records',
      disclosure: 'count',
      dashboard: 'csv',
    },
    {
      name: 'rentalsNeedingAttention',
      zh: '出租房需关注',
      description:
        'Rentals needing attention: not registered (未备案), a current tenant not registered, or the safety inspection overdue on the day',
      unit: 'records',
      disclosure: 'count',
    },
    {
      name: 'incidents',
      zh: '本月警情',
      description: 'Incidents in the month of the day, up to its end',
      unit: 'records',
      disclosure: 'count',
    },
  ],
});
