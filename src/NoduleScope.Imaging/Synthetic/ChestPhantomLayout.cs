namespace NoduleScope.Imaging.Synthetic;

/// <summary>Where the anatomy sits, in voxel units, as fractions of the image size.</summary>
internal sealed class ChestPhantomLayout
{
    public ChestPhantomLayout(int size, int slices)
    {
        Size = size;
        Slices = slices;
        Centre = (size - 1) / 2.0;
        BodyY = Centre + (0.02 * size);
        BodyRadiusX = 0.42 * size;
        BodyRadiusY = 0.30 * size;
        LungY = Centre + (0.01 * size);
        LeftLungX = Centre + (0.2 * size);
        RightLungX = Centre - (0.2 * size);
        LungRadiusX = 0.14 * size;
        LungRadiusY = 0.19 * size;
        SpineY = Centre + (0.22 * size);
        SpineRadius = 0.055 * size;
        TableTop = (int)Math.Ceiling(BodyY + BodyRadiusY + (0.03 * size));
        TableThickness = Math.Max(2, (int)Math.Round(0.02 * size));
        TableHalfWidth = 0.45 * size;
    }

    public int Size { get; }

    public int Slices { get; }

    public double Centre { get; }

    public double BodyY { get; }

    public double BodyRadiusX { get; }

    public double BodyRadiusY { get; }

    public double LungY { get; }

    /// <summary>The patient's left lung: higher x in LPS, so on the right of the displayed image.</summary>
    public double LeftLungX { get; }

    public double RightLungX { get; }

    public double LungRadiusX { get; }

    public double LungRadiusY { get; }

    public double SpineY { get; }

    public double SpineRadius { get; }

    public int TableTop { get; }

    public int TableThickness { get; }

    public double TableHalfWidth { get; }

    /// <summary>Lungs are widest mid-volume and narrow towards the apex and the diaphragm.</summary>
    public double LungScale(int z)
    {
        double t = Slices == 1 ? 0.5 : z / (double)(Slices - 1);
        return 0.7 + (0.3 * (1 - Math.Abs((2 * t) - 1)));
    }
}
