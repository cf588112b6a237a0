// What the two papers the extrapolation lab is compared with report, in our own
// words. Only numbers stated in the papers' abstracts and figure captions are
// given; everything else is the qualitative finding (the papers' own tables and
// figures have the curves).
//
// - Press, Smith & Lewis, "Train Short, Test Long: Attention with Linear Biases
//   Enables Input Length Extrapolation", ICLR 2022 (arXiv:2108.12409): language
//   models on WikiText-103 trained with L = 512 or 1024 tokens, perplexity as the
//   evaluation input grows (their figure 1; T5's bias ran out of memory on a 32 GB
//   GPU at the longest inputs).
// - Kazemnejad, Padhi, Natesan Ramamurthy, Das & Reddy, "The Impact of Positional
//   Encoding on Length Generalization in Transformers", NeurIPS 2023
//   (arXiv:2305.19466): decoder-only models on synthetic reasoning tasks (copy,
//   reverse, addition, sorting, SCAN, PCFG and others), trained on short instances
//   and tested on longer ones.

export const PRESS = 'Press et al. 2022';
export const KAZEMNEJAD = 'Kazemnejad et al. 2023';

/** The papers, for the citation line under the table. */
export const PAPERS = [
  `${PRESS}: "Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation", ICLR 2022, arXiv:2108.12409 (language modelling, WikiText-103, perplexity).`,
  `${KAZEMNEJAD}: "The Impact of Positional Encoding on Length Generalization in Transformers", NeurIPS 2023, arXiv:2305.19466 (synthetic tasks, accuracy).`,
];

/**
 * One row per scheme of the lab: what each paper found beyond the training
 * length ('' where the paper did not test that scheme).
 */
export const FINDINGS = {
  none: { press: '', kazemnejad: 'Best overall: on par with or better than T5\'s bias, with no position signal at all (the causal mask is enough).' },
  learned: { press: '', kazemnejad: 'Not tested (their APE is sinusoidal). A learned table has no rows beyond its size: it cannot run there.' },
  sinusoidal: { press: 'Perplexity degrades beyond the training length.', kazemnejad: 'Not well suited to length generalization (their APE).' },
  rope: { press: 'Perplexity degrades beyond the training length.', kazemnejad: 'Not well suited to length generalization.' },
  t5: { press: 'Extrapolates better than sinusoidal and rotary, but is slow and ran out of memory at the longest inputs.', kazemnejad: 'The best of the explicit encodings.' },
  alibi: { press: 'Perplexity stays flat far beyond the training length; a 1.3B model trained on 1024 tokens and run on 2048 matches a sinusoidal one trained on 2048.', kazemnejad: 'Not well suited to length generalization on these tasks.' },
  fire: { press: '', kazemnejad: '' }, // in neither paper: Li et al. 2023 (FIRE) report their own length generalization
};

/** The findings as table rows [scheme, Press et al., Kazemnejad et al.] for `schemes`. */
export function findingRows(schemes) {
  return schemes.map((s) => [s, FINDINGS[s]?.press || 'not tested', FINDINGS[s]?.kazemnejad || 'not tested']);
}
