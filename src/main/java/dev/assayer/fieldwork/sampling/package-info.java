/**
 * Sampling for tests of controls: {@link dev.assayer.fieldwork.sampling.FrequencyTable} (sizes by
 * control frequency, overridable per firm), {@link dev.assayer.fieldwork.sampling.AttributeSampling}
 * (binomial attribute sampling as in the AICPA Audit Sampling guide) and
 * {@link dev.assayer.fieldwork.sampling.SampleSelector} (selection that anyone can re-derive from
 * the population's SHA-256, a seed and a size; the algorithm is specified in docs/sampling.md).
 * Exposed to other modules as the named interface {@code sampling}.
 */
@org.springframework.modulith.NamedInterface("sampling")
package dev.assayer.fieldwork.sampling;
