import type { Rng } from './random';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const MALE = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '建国', '志强', '海涛', '子轩', '浩然'];
const FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '玲', '桂英', '丹', '萍', '红', '婷', '雪', '琳', '倩', '颖', '慧', '欣怡', '梓涵', '雨桐', '诗涵', '佳琪', '淑珍', '玉兰', '春梅', '晓燕', '文静'];

export function pickName(rng: Rng, gender: 'MALE' | 'FEMALE'): string {
  const given = gender === 'MALE' ? MALE : FEMALE;
  return SURNAMES[rng.int(SURNAMES.length)] + given[rng.int(given.length)];
}
