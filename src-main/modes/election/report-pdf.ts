/**
 * The printable report (A4 portrait): 投票者数 by hour and sex with running totals, then totals
 * per station and per terminal — the sheet a polling station faxes or hands to the election
 * office through the day. Japanese text uses BIZ UDGothic from assets/fonts (subset-embedded).
 */
import { PDFDocument } from 'pdf-lib';
import { reportFont, ReportWriter, type Column } from '../../forms/report-writer.ts';
import type { Count, ElectionStats } from './stats.ts';

const KIND_JA: Record<string, string> = { kijitsumae: '期日前投票', tojitsu: '当日投票' };

const counts = (c: Count) => [String(c.male), String(c.female), String(c.total)];

export async function statsToPdf(s: ElectionStats): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await reportFont(doc, `election-report/${s.election.name}`);
  doc.setTitle(`投票者数報告 ${s.election.name}`);
  doc.setCreator('kakanai');
  const w = new ReportWriter(doc, font);

  w.text('投票者数報告', 18);
  w.text(`${s.election.name}（${s.election.date}・${KIND_JA[s.election.kind] ?? s.election.kind}）`, 11);
  const filter = [
    s.filter.date ? `日付 ${s.filter.date}` : '',
    s.filter.stationId ? `投票所 ${s.filter.stationId}` : '',
  ]
    .filter(Boolean)
    .join('・');
  w.text(
    `作成 ${s.generatedAt.replace('T', ' ').replace('+09:00', '')}${filter ? `\u3000対象 ${filter}` : ''}`,
    9,
  );
  w.text(
    `合計 ${s.totals.total}人（男 ${s.totals.male}・女 ${s.totals.female}）\u3000名簿登録者 ${s.roll.total}人\u3000投票率 ${s.turnoutPct.toFixed(2)}%`,
    11,
  );
  if (s.openConflicts > 0) w.text(`※ 二重記録の疑い ${s.openConflicts}件（確認が必要です）`, 10);
  if (s.totals.unknown > 0) w.text(`※ 名簿にない番号の記録 ${s.totals.unknown}件`, 10);

  const num = (title: string, width = 64): Column => ({ title, width, align: 'right' });
  w.text('時間別', 12);
  w.table(
    [
      { title: '日付', width: 90, align: 'left' },
      { title: '時間', width: 90, align: 'left' },
      num('男'),
      num('女'),
      num('計'),
      num('累計'),
    ],
    s.byHour.map((h) => [h.date, `${h.hour}:00〜${h.hour}:59`, ...counts(h), String(h.cumulative)]),
  );
  w.text('投票所別', 12);
  w.table(
    [{ title: '投票所', width: 180, align: 'left' }, num('男'), num('女'), num('計')],
    s.byStation.map((st) => [`${st.name}（${st.stationId}）`, ...counts(st)]),
  );
  w.text('端末別', 12);
  w.table(
    [
      { title: '投票所', width: 90, align: 'left' },
      { title: '端末', width: 90, align: 'left' },
      num('男'),
      num('女'),
      num('計'),
    ],
    s.byTerminal.map((t) => [t.stationId, t.terminalId, ...counts(t)]),
  );
  return doc.save();
}
