/**
 * An address as text that wraps between words but never inside a number: 「旭町二丁目30-4」 may
 * break before 30-4, not between 30 and 4 (a poll worker read 「…30 / 4」 as two numbers).
 */
const NUMBER_RUN = /([0-9０-９]+(?:[-－‐ー−/／の][0-9０-９]+)*)/;

export function Address(props: { text: string }) {
  const parts = props.text.split(NUMBER_RUN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nowrap">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
