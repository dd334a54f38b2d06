import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../src/render/byte-sink.ts';
import { readPdf, writePdf } from '../../src/render/pdf-file.ts';
import { parseValue, rewrite, rewriteInto, writeValue } from '../../src/render/pdf-syntax.ts';

const plus100 = { ref: (n: number) => n + 100 };

describe('rewrite (copying an object with its references renumbered)', () => {
  it('renumbers references in dictionaries, arrays and nested dictionaries', () => {
    const text = '<</Type /Page\n/Parent 3 0 R\n/Kids [4 0 R 5 0 R]\n/A <</O 6 0 R>>>>';
    expect(rewrite(text, plus100)).toBe(
      '<</Type /Page\n/Parent 103 0 R\n/Kids [104 0 R 105 0 R]\n/A <</O 106 0 R>>>>',
    );
  });

  it('leaves strings alone, even when they read like references or hold escaped parentheses', () => {
    const text = '<</T (see 5 0 R \\) and \\( (nested 6 0 R)) /H <35203020520a> /P 7 0 R>>';
    expect(rewrite(text, plus100)).toBe(
      '<</T (see 5 0 R \\) and \\( (nested 6 0 R)) /H <35203020520a> /P 107 0 R>>',
    );
  });

  it('tells an MCID followed by a reference from a reference', () => {
    expect(rewrite('<</K [0 705 0 R 3]>>', plus100)).toBe('<</K [0 805 0 R 3]>>');
  });

  it('takes only whole digit runs followed by "R" for references, never reals, names or longer tokens', () => {
    const text = '<</A [1.5 0 R] /B [12x 0 R] /C [3 0 Rx] /D [007 0 R] /E [8 0\n  R] /F 9 1 R>>';
    expect(rewrite(text, plus100)).toBe(
      '<</A [1.5 0 R] /B [12x 0 R] /C [3 0 Rx] /D [107 0 R] /E [108 0 R] /F 109 0 R>>',
    );
  });

  it('changes the integer after a named key, and only there', () => {
    const r = { ...plus100, int: (key: string, n: number) => (key === 'StructParents' ? n + 10 : n) };
    expect(rewrite('<</StructParents 2\n/K 2\n/StructParent 2>>', r)).toBe(
      '<</StructParents 12\n/K 2\n/StructParent 2>>',
    );
  });

  it('changes the strings of a named key, directly or in its array, inside nested dictionaries', () => {
    const r = {
      ...plus100,
      str: (key: string, raw: string) => (key === 'Headers' ? `(x.${raw.slice(1)}` : raw),
    };
    const text = '<</A [<</O /Table\n/Headers [(node1) (node2)]>>]\n/T (node3)>>';
    expect(rewrite(text, r)).toBe('<</A [<</O /Table\n/Headers [(x.node1) (x.node2)]>>]\n/T (node3)>>');
  });
});

describe('rewriteInto (the same rewrite, copied span by span from the file into a sink)', () => {
  const texts = [
    '<</Type /Page\n/Parent 3 0 R\n/Kids [4 0 R 5 0 R]\n/A <</O 6 0 R>>>>',
    '<</T (see 5 0 R \\) and \\( (nested 6 0 R)) /H <35203020520a> /P 7 0 R>>',
    '<</K [0 705 0 R 3] /StructParents 2 /StructParent 9>>',
    '<</A [<</O /Table\n/Headers [(node1) <6e32>]>>]\n/T (node3) /ID (caf\xe9)>>',
    '[1.5 0 R 12x 0 R 007 0 R 8 0\n R] null',
  ];
  const hooks = {
    ref: (n: number) => n * 1000 + 7,
    int: (key: string, n: number) => (key.startsWith('StructParent') ? n + 40 : n),
    str: (key: string, raw: string) => (key === 'Headers' || key === 'ID' ? `(p1.${raw.slice(1)}` : raw),
  };

  it('gives byte for byte what rewrite gives, wherever the text lies in the file', () => {
    for (const text of texts) {
      const file = Buffer.from(`junk before ${text} junk after`, 'latin1');
      const at = 'junk before '.length;
      const sink = new ByteSink(4);
      rewriteInto(text, hooks, {
        copy: (from, to) => sink.bytes(file, at + from, at + to),
        ref: (id) => {
          sink.int(id);
          sink.latin1(' 0 R');
        },
        put: (t) => sink.latin1(t),
      });
      expect(sink.done().toString('latin1')).toBe(rewrite(text, hooks));
    }
  });
});

describe('ByteSink', () => {
  it('grows past the size it expected, writing text, bytes and integers in order', () => {
    const sink = new ByteSink(1);
    for (let i = 0; i < 500; i++) {
      sink.int(i * 97);
      sink.latin1(' caf\xe9 ');
      sink.bytes(Buffer.from([0, 255]));
    }
    const expected = Buffer.concat(
      Array.from({ length: 500 }, (_, i) =>
        Buffer.concat([Buffer.from(`${i * 97} caf\xe9 `, 'latin1'), Buffer.from([0, 255])]),
      ),
    );
    expect(sink.done().equals(expected)).toBe(true);
    expect(sink.length).toBe(expected.length);
  });

  it('writes 0 and integers of every length as their decimal digits', () => {
    const sink = new ByteSink(64);
    for (const n of [0, 9, 10, 99, 100, 12345678, Number.MAX_SAFE_INTEGER]) {
      sink.int(n);
      sink.latin1(',');
    }
    expect(sink.done().toString('latin1')).toBe(`0,9,10,99,100,12345678,${Number.MAX_SAFE_INTEGER},`);
  });
});

describe('parseValue and writeValue', () => {
  it('read a dictionary into keys and values and write it back', () => {
    const { value, end } = parseValue(
      '<</Type /Catalog /Pages 2 0 R /Lang (en-GB) /N [1 2.5 true null <ab>]>> trailing',
    );
    expect(end).toBe('<</Type /Catalog /Pages 2 0 R /Lang (en-GB) /N [1 2.5 true null <ab>]>>'.length);
    expect(value.t).toBe('dict');
    expect(writeValue(value)).toBe(
      '<</Type /Catalog\n/Pages 2 0 R\n/Lang (en-GB)\n/N [1 2.5 true null <ab>]>>',
    );
  });

  it('rejects an unterminated string rather than reading past it', () => {
    expect(() => parseValue('(never closed')).toThrow(/unterminated/);
  });
});

describe('writePdf and readPdf', () => {
  it('write a file whose cross-reference table finds every object and stream again', () => {
    const pdf = writePdf(
      [
        { text: '<</Type /Catalog\n/Pages 2 0 R>>' },
        { text: '<</Type /Pages\n/Count 0\n/Kids []>>' },
        { text: '<</Length 5>>', stream: Buffer.from('q\nQ\n\n') },
        { text: '<</Title (stream endstream)>>' },
      ],
      1,
      4,
    );
    const back = readPdf(pdf);
    expect(back.root).toBe(1);
    expect(back.info).toBe(4);
    expect(back.objects.get(3)?.stream?.toString()).toBe('q\nQ\n\n');
    expect(back.objects.get(4)?.text).toBe('<</Title (stream endstream)>>');
    expect(back.objects.get(4)?.stream).toBeUndefined();
  });

  it('write each object, its stream and the table in that order, at the offsets the table gives', () => {
    const objects = [
      { text: '<</Type /Catalog\n/Pages 2 0 R>>' },
      { text: '<</Length 3>>', stream: Buffer.from([0, 255, 10]) },
      { text: '(caf\xe9)' },
    ];
    const body = [
      '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n',
      '1 0 obj\n<</Type /Catalog\n/Pages 2 0 R>>\nendobj\n',
      '2 0 obj\n<</Length 3>>\nstream\n\x00\xff\n\nendstream\nendobj\n',
      '3 0 obj\n(caf\xe9)\nendobj\n',
    ];
    const at = body.map((_, i) => body.slice(0, i).join('').length);
    const expected = [
      ...body,
      'xref\n0 4\n0000000000 65535 f \n',
      ...at.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
      `trailer\n<</Size 4\n/Root 1 0 R>>\nstartxref\n${body.join('').length}\n%%EOF\n`,
    ].join('');
    expect(writePdf(objects, 1).toString('latin1')).toBe(expected);
  });

  it('refuses a file without a classic cross-reference table', () => {
    expect(() => readPdf(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))).toThrow(/startxref/);
  });
});
