// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// Words of SML and of the operator language: core's hostile text inserts them besides its own pieces,
// so that mutations reach deeper than the tokenizer.
export const SECS_PIECES: readonly string[] = ['${i}', '${', 'L', 'U4', 'A', 'S1F1', 'W', 'repeat', 'end'];
