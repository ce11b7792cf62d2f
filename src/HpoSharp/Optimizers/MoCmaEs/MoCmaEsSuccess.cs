namespace HpoSharp.Optimizers;

/// <summary>When an offspring of <c>mocmaes</c> counts as a success for the step-size rule of its strategy and its parent's.</summary>
public enum MoCmaEsSuccess
{
    /// <summary>
    /// When it is selected into the population and beats its parent: it lies on a better non-domination level, or it
    /// takes its parent's place (the rule of Igel, Hansen and Roth, 2007, without its hypervolume tie-break, which
    /// rewards steps along the front as much as steps towards it). An offspring whose parent has already left the
    /// population has no parent to beat: it is a success when it is selected.
    /// </summary>
    BeatsParent,

    /// <summary>When it is selected into the population, whatever its parent's standing (Voß, Hansen and Igel, 2010).</summary>
    Selected,
}
