using System.Globalization;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Synthesis;

/// <summary>The nodules of a lidc-vois folder (nodules.csv plus image/ and mask/), filtered by split and size.</summary>
public sealed class LidcNoduleLibrary
{
    public const double MinimumDiameterMm = 3;

    private LidcNoduleLibrary(string folder, IReadOnlyList<LidcNodule> nodules)
    {
        Folder = folder;
        Nodules = nodules;
    }

    public string Folder { get; }

    /// <summary>Every row of nodules.csv, in file order.</summary>
    public IReadOnlyList<LidcNodule> Nodules { get; }

    /// <exception cref="InvalidDataException">nodules.csv lacks a column or holds an unreadable number.</exception>
    public static LidcNoduleLibrary Load(string folder)
    {
        string csv = Path.Combine(folder, "nodules.csv");
        using var reader = new StreamReader(csv);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{csv}: empty file");
        string[] names = header.Split(',');
        int Column(string name)
        {
            int index = Array.IndexOf(names, name);
            return index >= 0 ? index : throw new InvalidDataException($"{csv}: no column '{name}'");
        }

        int patient = Column("patient_id"), nodule = Column("nodule_id"), x = Column("coordX"), y = Column("coordY"), z = Column("coordZ");
        int diameter = Column("diameter_mm"), texture = Column("Texture_value"), calcification = Column("Calcification_value");
        var nodules = new List<LidcNodule>();
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(',');
            if (f.Length < names.Length)
            {
                throw new InvalidDataException($"{csv}:{lineNumber}: {f.Length} fields, expected {names.Length}");
            }

            string name = $"{f[patient]}_R_{f[nodule]}.nii.gz";
            nodules.Add(new LidcNodule(
                f[patient],
                f[nodule],
                new Vector3D(Number(f[x], csv, lineNumber), Number(f[y], csv, lineNumber), Number(f[z], csv, lineNumber)),
                Number(f[diameter], csv, lineNumber),
                (int)Number(f[texture], csv, lineNumber),
                (int)Number(f[calcification], csv, lineNumber),
                Path.Combine(folder, "image", name),
                Path.Combine(folder, "mask", name)));
        }

        return new LidcNoduleLibrary(folder, nodules);
    }

    /// <summary>The nodules of one split part with a diameter of at least <paramref name="minimumDiameterMm"/>, in file order.</summary>
    public IReadOnlyList<LidcNodule> Select(LidcSplitPart part, double minimumDiameterMm = MinimumDiameterMm)
    {
        var selected = new List<LidcNodule>();
        foreach (var n in Nodules)
        {
            if (n.SplitPart == part && n.DiameterMm >= minimumDiameterMm)
            {
                selected.Add(n);
            }
        }

        return selected;
    }

    private static double Number(string text, string csv, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new InvalidDataException($"{csv}:{line}: '{text}' is not a number");
}
