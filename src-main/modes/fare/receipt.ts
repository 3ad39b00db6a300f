/**
 * The optional ride receipt (利用証明), A6: the programme, the vehicle and operator, the time, the
 * metered fare, the subsidy and what the passenger paid, the rides left. No name: the card is
 * shown by the last four digits of its serial.
 */
import { PDFDocument } from 'pdf-lib';
import { reportFont } from '../../forms/report-writer.ts';
import { toJstIso } from '../../util/csv-out.ts';

export interface ReceiptData {
  programName: string;
  operatorName: string;
  vehicle: string;
  rideId: string;
  at: number;
  card: string;
  fareYen: number;
  subsidyYen: number;
  payYen: number;
  leftToday: number | null;
  leftThisYear: number | null;
}

const A6: [number, number] = [297.64, 419.53];
const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

export async function receiptPdf(r: ReceiptData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await reportFont(doc, `fare-receipt/${r.rideId}`);
  doc.setTitle(`運賃補助 利用証明 ${r.rideId}`);
  doc.setCreator('kakanai');
  const page = doc.addPage(A6);
  let y = A6[1] - 36;
  const line = (text: string, size: number, gap = 8) => {
    page.drawText(text, { x: 24, y: y - size, size, font });
    y -= size + gap;
  };
  line('運賃補助 利用証明', 16, 12);
  line(r.programName, 9);
  line(`${r.operatorName}\u3000車両 ${r.vehicle}`, 9);
  line(`${toJstIso(r.at).slice(0, 16).replace('T', ' ')}\u3000カード末尾 ${r.card}`, 9, 16);
  line(`運賃\u3000\u3000\u3000${yen(r.fareYen)}`, 13);
  line(`補助額\u3000\u3000${yen(r.subsidyYen)}`, 13);
  line(`お支払い\u3000${yen(r.payYen)}`, 15, 16);
  const left = (n: number | null) => (n === null ? '制限なし' : `${n}回`);
  line(`本日の残り ${left(r.leftToday)}・今年度の残り ${left(r.leftThisYear)}`, 9);
  line(`番号 ${r.rideId}`, 8);
  return doc.save();
}
