/** GB/T 26341-2010 残疾人残疾分类和分级: the seven categories (with their one-digit code) and grades 一级 (most severe) to 四级. */
export enum DisabilityType {
  VISUAL = 'VISUAL',
  HEARING = 'HEARING',
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  INTELLECTUAL = 'INTELLECTUAL',
  MENTAL = 'MENTAL',
  MULTIPLE = 'MULTIPLE',
}

export const DISABILITY_TYPES: Record<DisabilityType, { code: string; term: string }> = {
  VISUAL: { code: '1', term: '视力残疾' },
  HEARING: { code: '2', term: '听力残疾' },
  SPEECH: { code: '3', term: '言语残疾' },
  PHYSICAL: { code: '4', term: '肢体残疾' },
  INTELLECTUAL: { code: '5', term: '智力残疾' },
  MENTAL: { code: '6', term: '精神残疾' },
  MULTIPLE: { code: '7', term: '多重残疾' },
};

export const DISABILITY_GRADES = [1, 2, 3, 4] as const;

/**
 * The number of a second-generation disability certificate (第二代残疾人证): the holder's 18-digit ID number, then
 * the category code and the grade, e.g. 110105194001011234 + 4 + 2.
 */
export const disabilityCertificateNumber = (idNumber: string, type: DisabilityType, grade: number) =>
  `${idNumber}${DISABILITY_TYPES[type].code}${grade}`;
