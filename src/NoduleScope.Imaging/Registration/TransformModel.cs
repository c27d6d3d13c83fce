namespace NoduleScope.Imaging.Registration;

/// <summary>The degrees of freedom a registration may use.</summary>
public enum TransformModel
{
    /// <summary>3 parameters.</summary>
    Translation,

    /// <summary>3 rotations and 3 translations.</summary>
    Rigid,

    /// <summary>12 parameters: rotation, scaling and shear as a general linear part, and a translation.</summary>
    Affine,
}
