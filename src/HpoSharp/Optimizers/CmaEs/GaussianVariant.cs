namespace HpoSharp.Optimizers;

/// <summary>Which variant of the Gaussian update a CMA-ES run uses.</summary>
/// <param name="Separable">sep-CMA-ES (Ros and Hansen, 2008): C stays diagonal and is learnt (n + 2)/3 times faster.</param>
/// <param name="AdaptLearningRates">LRA-CMA-ES (Nomura, Akimoto and Ono, 2023): see <see cref="LearningRateAdaptation"/>.</param>
internal readonly record struct GaussianVariant(bool Separable = false, bool AdaptLearningRates = false);
