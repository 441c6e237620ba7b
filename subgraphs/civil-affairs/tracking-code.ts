/** The tracking codes (查询码) are shared plumbing now (corrections use them too): lib/codes/tracking-code.ts. */
export { formatTrackingCode, newTrackingCode, readTrackingCode } from '../../lib/codes/tracking-code';
