namespace NoduleScope.Reporting.Dicom;

/// <summary>
/// The coded terms our DICOM objects use: DCM (PS3.16 Annex D), SNOMED CT (SCT), UCUM units, and a private scheme
/// <see cref="PrivateScheme"/> for concepts that have no standard code yet (nodule type, Lung-RADS category, Brock
/// model), declared in each object's Coding Scheme Identification Sequence.
/// </summary>
public static class ReportCodes
{
    public const string PrivateScheme = "99NODSCOPE";

    // TID 1500 document structure
    public static readonly CodedConcept ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");
    public static readonly CodedConcept LanguageOfContent = new("121049", "DCM", "Language of Content Item and Descendants");
    public static readonly CodedConcept EnglishUnitedStates = new("en-US", "RFC5646", "English (United States)");
    public static readonly CodedConcept ObserverType = new("121005", "DCM", "Observer Type");
    public static readonly CodedConcept Device = new("121007", "DCM", "Device");
    public static readonly CodedConcept DeviceObserverUid = new("121012", "DCM", "Device Observer UID");
    public static readonly CodedConcept DeviceObserverName = new("121013", "DCM", "Device Observer Name");
    public static readonly CodedConcept DeviceObserverManufacturer = new("121014", "DCM", "Device Observer Manufacturer");
    public static readonly CodedConcept DeviceObserverModelName = new("121015", "DCM", "Device Observer Model Name");
    public static readonly CodedConcept ProcedureReported = new("121058", "DCM", "Procedure reported");
    public static readonly CodedConcept CtUnspecifiedBodyRegion = new("25045-6", "LN", "CT unspecified body region");
    public static readonly CodedConcept ImageLibrary = new("111028", "DCM", "Image Library");
    public static readonly CodedConcept ImageLibraryGroup = new("126200", "DCM", "Image Library Group");
    public static readonly CodedConcept Modality = new("121139", "DCM", "Modality");
    public static readonly CodedConcept ComputedTomography = new("CT", "DCM", "Computed Tomography");
    public static readonly CodedConcept FrameOfReferenceUid = new("112227", "DCM", "Frame of Reference UID");
    public static readonly CodedConcept ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");
    public static readonly CodedConcept QualitativeEvaluations = new("C0034375", "UMLS", "Qualitative Evaluations");
    public static readonly CodedConcept MeasurementGroup = new("125007", "DCM", "Measurement Group");
    public static readonly CodedConcept TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");
    public static readonly CodedConcept TrackingUniqueIdentifier = new("112040", "DCM", "Tracking Unique Identifier");
    public static readonly CodedConcept Finding = new("121071", "DCM", "Finding");
    public static readonly CodedConcept FindingSite = new("363698007", "SCT", "Finding Site");
    public static readonly CodedConcept ImageRegion = new("111030", "DCM", "Image Region");
    public static readonly CodedConcept AlgorithmName = new("111001", "DCM", "Algorithm Name");
    public static readonly CodedConcept AlgorithmVersion = new("111003", "DCM", "Algorithm Version");
    public static readonly CodedConcept AlgorithmParameters = new("111002", "DCM", "Algorithm Parameters");

    // Findings and anatomy
    public static readonly CodedConcept Nodule = new("27925004", "SCT", "Nodule");
    public static readonly CodedConcept MorphologicallyAbnormalStructure = new("49755003", "SCT", "Morphologically Abnormal Structure");
    public static readonly CodedConcept Lung = new("39607008", "SCT", "Lung");
    public static readonly CodedConcept RightLung = new("3341006", "SCT", "Right lung");
    public static readonly CodedConcept LeftLung = new("44029006", "SCT", "Left lung");
    public static readonly CodedConcept RightUpperLobe = new("42400003", "SCT", "Upper lobe of right lung");
    public static readonly CodedConcept RightMiddleLobe = new("72481006", "SCT", "Middle lobe of right lung");
    public static readonly CodedConcept RightLowerLobe = new("266005", "SCT", "Lower lobe of right lung");
    public static readonly CodedConcept LeftUpperLobe = new("44714003", "SCT", "Upper lobe of left lung");
    public static readonly CodedConcept LeftLowerLobe = new("41224006", "SCT", "Lower lobe of left lung");

    // Measurements (TID 1419) and their modifiers
    public static readonly CodedConcept LongAxis = new("103339001", "SCT", "Long axis");
    public static readonly CodedConcept ShortAxis = new("103340004", "SCT", "Short axis");
    public static readonly CodedConcept Diameter = new("81827009", "SCT", "Diameter");
    public static readonly CodedConcept Volume = new("118565006", "SCT", "Volume");
    public static readonly CodedConcept AttenuationCoefficient = new("112031", "DCM", "Attenuation Coefficient");
    public static readonly CodedConcept CertaintyOfFinding = new("111012", "DCM", "Certainty of Finding");
    public static readonly CodedConcept ProbabilityOfCancer = new("111047", "DCM", "Probability of cancer");
    public static readonly CodedConcept Derivation = new("121401", "DCM", "Derivation");
    public static readonly CodedConcept MeasurementMethod = new("370129005", "SCT", "Measurement Method");
    public static readonly CodedConcept Mean = new("373098007", "SCT", "Mean");
    public static readonly CodedConcept Maximum = new("56851009", "SCT", "Maximum");
    public static readonly CodedConcept SumOfSegmentedVoxelVolumes = new("126030", "DCM", "Sum of segmented voxel volumes");

    // Units (UCUM)
    public static readonly CodedConcept Millimeter = new("mm", "UCUM", "millimeter");
    public static readonly CodedConcept CubicMillimeter = new("mm3", "UCUM", "cubic millimeter");
    public static readonly CodedConcept HounsfieldUnit = new("[hnsf'U]", "UCUM", "Hounsfield Unit");
    public static readonly CodedConcept Percent = new("%", "UCUM", "Percent");
    public static readonly CodedConcept NoUnits = new("1", "UCUM", "no units");
    public static readonly CodedConcept Day = new("d", "UCUM", "day");

    // Segmentation and derivation
    public static readonly CodedConcept Segmentation = new("113076", "DCM", "Segmentation");
    public static readonly CodedConcept SourceImageForProcessing = new("121322", "DCM", "Source image for image processing operation");

    // Private codes (no standard code for these concepts)
    public static readonly CodedConcept NoduleType = new("NODTYPE", PrivateScheme, "Nodule type");
    public static readonly CodedConcept Solid = new("SOLID", PrivateScheme, "Solid");
    public static readonly CodedConcept PartSolid = new("PARTSOLID", PrivateScheme, "Part-solid");
    public static readonly CodedConcept NonSolid = new("NONSOLID", PrivateScheme, "Non-solid (ground glass)");
    public static readonly CodedConcept LungRadsCategory = new("LUNGRADS", PrivateScheme, "Lung-RADS v2022 category");
    public static readonly CodedConcept LungRadsManagement = new("LRMGMT", PrivateScheme, "Lung-RADS management");
    public static readonly CodedConcept FleischnerRecommendation = new("FLEISCHNER", PrivateScheme, "Fleischner 2017 recommendation");
    public static readonly CodedConcept BrockModel = new("BROCK", PrivateScheme, "Brock (PanCan) model, full");
    public static readonly CodedConcept LearnedMalignancyScore = new("NSSCORE", PrivateScheme, "NoduleScope learned malignancy score");
    public static readonly CodedConcept ChangeSincePrior = new("PRIORCHG", PrivateScheme, "Change since the prior exam");
    public static readonly CodedConcept PriorMeanDiameter = new("PRIORDIAM", PrivateScheme, "Mean diameter on the prior exam");
    public static readonly CodedConcept VolumeChangeSincePrior = new("VOLCHG", PrivateScheme, "Volume change since the prior exam");
    public static readonly CodedConcept VolumeDoublingTime = new("VDT", PrivateScheme, "Volume doubling time");
    public static readonly CodedConcept IntervalSincePrior = new("PRIORINT", PrivateScheme, "Interval since the prior exam");

    /// <summary>A change status of findings.json (growing, slowGrowing, stable, shrinking, new, notAssessed) as a private code "CHGGROWING".</summary>
    public static CodedConcept ForChangeStatus(string status)
    {
        string value = "CHG" + status.Trim().ToUpperInvariant();
        return new CodedConcept(value.Length > 16 ? value[..16] : value, PrivateScheme, status.Trim());
    }

    /// <summary>The findings.json status of a code made by <see cref="ForChangeStatus"/>; null for another code.</summary>
    public static string? ChangeStatusOf(CodedConcept? code) =>
        code is not null && code.Scheme == PrivateScheme && code.Value.StartsWith("CHG", StringComparison.Ordinal) ? code.Meaning : null;

    /// <summary>"solid", "part-solid", "non-solid" (findings.json) to its code; null when unknown.</summary>
    public static CodedConcept? ForNoduleType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "solid" => Solid,
        "part-solid" => PartSolid,
        "non-solid" => NonSolid,
        _ => null,
    };

    /// <summary>The findings.json type name of a nodule type code; null when not one of ours.</summary>
    public static string? NoduleTypeName(CodedConcept? code) =>
        Solid.SameCode(code) ? "solid" : PartSolid.SameCode(code) ? "part-solid" : NonSolid.SameCode(code) ? "non-solid" : null;

    /// <summary>A Lung-RADS category ("2", "3", "4A", "4B", "4X", ...) as a private code "LR4A".</summary>
    public static CodedConcept ForLungRadsCategory(string category)
    {
        string c = category.Trim().ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        // Code Value is SH: at most 16 characters.
        return new CodedConcept("LR" + (c.Length > 14 ? c[..14] : c), PrivateScheme, "Lung-RADS " + c);
    }

    /// <summary>The category of a code made by <see cref="ForLungRadsCategory"/>; null for another code.</summary>
    public static string? LungRadsCategoryOf(CodedConcept? code) =>
        code is not null && code.Scheme == PrivateScheme && code.Value.StartsWith("LR", StringComparison.Ordinal) ? code.Value[2..] : null;

    /// <summary>
    /// The finding site for a lobe name of findings.json ("right upper", ..., "lingula") or, without a lobe, the lung
    /// side ("right", "left"). The lingula is part of the left upper lobe, which is the code it gets.
    /// </summary>
    public static CodedConcept ForSite(string? lobe, string? lung) => lobe?.Trim().ToLowerInvariant() switch
    {
        "right upper" => RightUpperLobe,
        "right middle" => RightMiddleLobe,
        "right lower" => RightLowerLobe,
        "left upper" or "lingula" => LeftUpperLobe,
        "left lower" => LeftLowerLobe,
        _ => lung?.Trim().ToLowerInvariant() switch
        {
            "right" => RightLung,
            "left" => LeftLung,
            _ => Lung,
        },
    };
}
