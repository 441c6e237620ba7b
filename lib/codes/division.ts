/**
 * Administrative division codes (GB/T 2260 for the 6-digit county part, extended by the statistics
 * bureau's 12-digit urban-rural codes: 6 county + 3 street/town + 3 community/village).
 */
export function isCountyCode(code: string): boolean {
  return /^[1-8]\d{5}$/.test(code) && !code.endsWith('0000');
}

export function isCommunityCode(code: string): boolean {
  return (
    /^\d{12}$/.test(code) && isCountyCode(code.slice(0, 6)) && code.slice(6, 9) !== '000' && code.slice(9) !== '000'
  );
}
