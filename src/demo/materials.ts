/**
 * The demo's material library: each article and video of the catalogue as a link item with
 * the content id its view/share events already carry, plus a greeting, a poster, the shop's
 * mini-program and a size guide — so the library screen, previews and sends show real items.
 * Pictures are drawn here (solid PNGs in the fruit's colour), no files are shipped.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { createMaterial, getMaterial, storeFile, type MaterialInput } from '../materials/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import { CONTENTS, PRODUCTS } from './catalogue.ts';
import { DEMO_ACTOR } from './load.ts';

/** A valid PNG of one colour with a lighter band, w×h pixels. */
export function solidPng(w: number, h: number, rgb: [number, number, number]): Uint8Array {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const band = y > h * 0.62 && y < h * 0.82;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = band ? 255 : rgb[0]; raw[o + 1] = band ? 255 : rgb[1]; raw[o + 2] = band ? 255 : rgb[2];
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]));
}

const COLOURS: Record<string, [number, number, number]> = {
  'art-mango-guide': [250, 190, 40], 'art-cherry-grades': [150, 20, 40], 'art-strawberry-farm': [230, 60, 80], 'art-giftbox-season': [200, 60, 50],
  'art-nuts-daily': [160, 110, 60], 'art-durian-open': [200, 190, 80], 'vid-kiwi-kids': [150, 190, 60], 'vid-store-tour': [19, 163, 139],
};

const SIZE_GUIDE = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

export async function seedDemoMaterials(db: Db, ws: string, at: Date): Promise<number> {
  let made = 0;
  const add = async (input: MaterialInput, files: { file?: [string, Uint8Array]; cover?: [string, Uint8Array] } = {}) => {
    try {
      await getMaterial(db, ws, input.contentId!);
      return; // loaded before
    } catch (err) {
      if (!(err instanceof SiyuError) || err.code !== 'not_found') throw err;
    }
    await db.transaction(async (tx) => {
      const file = files.file ? await storeFile(tx, ws, files.file[0], files.file[1], at) : undefined;
      const cover = files.cover ? await storeFile(tx, ws, files.cover[0], files.cover[1], at) : undefined;
      await createMaterial(tx, ws, { ...input, ...(file ? { fileId: file.fileId } : {}), ...(cover ? { coverFileId: cover.fileId } : {}) }, DEMO_ACTOR, at);
    });
    made++;
  };
  for (const c of CONTENTS) {
    const video = c.contentId.startsWith('vid-');
    await add({
      kind: 'link', title: c.title, contentId: c.contentId, url: `https://m.xianguoshuo.example/${video ? 'v' : 'a'}/${c.contentId}`,
      description: video ? '鲜果说 · 视频' : '鲜果说 · 好物攻略', tags: [video ? '视频' : '攻略'],
      productIds: c.products.map((p) => PRODUCTS[p].productId),
    }, { cover: [`${c.contentId}.png`, solidPng(160, 128, COLOURS[c.contentId] ?? [19, 163, 139])] });
  }
  await add({ kind: 'text', title: '新客欢迎语', contentId: 'txt-welcome', text: '{name}您好，我是鲜果说的{staff}～以后有新鲜到货、坚果零食福利都会第一时间告诉您', tags: ['欢迎语'] });
  await add({ kind: 'text', title: '复购提醒', contentId: 'txt-repurchase', text: '{name}，上次的芒果吃完了吗？这周海南贵妃芒又到了一批，需要给您留一箱吗？', tags: ['复购'], productIds: ['p-mango'] });
  await add({ kind: 'image', title: '双十二年货海报', contentId: 'img-1212-poster', tags: ['大促', '海报'], productIds: ['p-giftbox', 'p-giftbox-lux'] },
    { file: ['1212-poster.png', solidPng(270, 480, [200, 40, 50])] });
  await add({ kind: 'miniprogram', title: '鲜果说小程序商城', contentId: 'mp-shop', appid: 'wx5f1e2d3c4b5a6978', page: 'pages/index/index', tags: ['商城'] },
    { cover: ['shop-cover.png', solidPng(260, 208, [19, 163, 139])] });
  await add({ kind: 'file', title: '礼盒规格说明', contentId: 'file-giftbox-guide', tags: ['礼盒'], productIds: ['p-giftbox', 'p-giftbox-lux'] },
    { file: ['礼盒规格说明.pdf', new TextEncoder().encode(SIZE_GUIDE)] });
  return made;
}
