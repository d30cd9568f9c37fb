/**
 * Chinese names for demo customers: surnames weighted roughly by how common they are
 * (王, 李, 张 and 刘 alone cover about a quarter of people), given names of one or two
 * characters by gender, and the WeChat nicknames many contacts show instead of a name.
 */
import type { Rng } from './random.ts';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 67], ['刘', 55], ['陈', 46], ['杨', 33], ['黄', 25], ['赵', 22], ['吴', 21], ['周', 20],
  ['徐', 15], ['孙', 14], ['马', 13], ['朱', 12], ['胡', 12], ['郭', 11], ['何', 10], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['邓', 6], ['冯', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 2], ['范', 2], ['汪', 2], ['廖', 2],
  ['石', 2], ['金', 2], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 1], ['黎', 1], ['史', 1], ['陶', 1], ['贺', 1], ['毛', 1], ['郝', 1], ['顾', 1], ['龚', 1], ['邵', 1],
  ['欧阳', 1], ['司马', 0.2], ['上官', 0.2],
];

const FEMALE = [
  '芳', '娜', '敏', '静', '丽', '婷', '雪', '慧', '颖', '琳', '洁', '燕', '玲', '霞', '萍', '红', '倩', '媛', '佳', '欣',
  '悦', '怡', '雯', '晨', '璐', '瑶', '梦', '思', '雨', '涵', '诗', '可', '馨', '蕾', '晓', '秀', '春', '美', '月', '莉',
  '薇', '妍', '琪', '菲', '婧', '萱', '楠', '丹', '艳', '君',
];
const MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '斌', '鹏', '辉', '刚', '健', '峰', '浩', '宇', '俊', '帆', '凯',
  '飞', '鑫', '博', '文', '彬', '亮', '建', '志', '海', '林', '波', '宁', '龙', '晨', '轩', '然', '泽', '昊', '睿', '子',
  '国', '华', '平', '东', '成', '振', '永', '家', '嘉', '天',
];
const NICKNAMES: Record<Gender, readonly string[]> = {
  female: ['橙子妈妈', 'Lily', '糖糖', '静待花开', 'Amy', 'Cici', '乐乐妈', 'Vivian', '阿May', '甜甜圈', '朵朵妈咪', 'Coco', 'Tina', '小鹿'],
  male: ['阿杰', '老陈', 'Jason', 'Kevin', '阿强', '大白', '小周', '老王头'],
  unknown: ['小鱼儿', '快乐每一天', 'Sunny', '木子', '一米阳光', '向日葵', '清风徐来', '果果', '小太阳', '岁月静好', '晴天', '兜兜', '爱吃芒果的猫', '平安是福', '安然'],
};

export type Gender = 'male' | 'female' | 'unknown';

export interface DemoName {
  name: string;
  gender: Gender;
}

/** A private-domain fruit brand's followers lean female; WeCom reports some as unknown. */
export function demoName(rng: Rng): DemoName {
  const gender = rng.weighted<Gender>([['female', 0.64], ['male', 0.3], ['unknown', 0.06]]);
  if (gender === 'unknown' || rng.chance(0.12)) return { name: rng.pick(rng.chance(0.5) ? NICKNAMES[gender] : NICKNAMES.unknown), gender };
  const pool = gender === 'female' ? FEMALE : MALE;
  const given = rng.chance(0.72) ? `${rng.pick(pool)}${rng.pick(pool)}` : rng.pick(pool);
  return { name: `${rng.weighted(SURNAMES)}${given}`, gender };
}
