using System.CommandLine;
using NoduleScope.Clinical;

namespace NoduleScope.Cli;

/// <summary>The patient and exam options shared by detect and characterize; DICOM PatientAge/PatientSex fill what the
/// caller leaves out.</summary>
internal sealed class PatientOptions
{
    public Option<double?> Age { get; } = new("--age") { Description = "Patient age in years (default: DICOM PatientAge)", HelpName = "years" };

    public Option<string?> Sex { get; } = new("--sex") { Description = "Patient sex, M or F (default: DICOM PatientSex)", HelpName = "M|F" };

    public Option<bool?> FamilyHistory { get; } = new("--family-history") { Description = "Family history of lung cancer (true/false; unknown when absent)", HelpName = "bool" };

    public Option<bool?> Emphysema { get; } = new("--emphysema") { Description = "Emphysema on this CT (true/false; unknown when absent)", HelpName = "bool" };

    public Option<string?> Risk { get; } = new("--risk") { Description = "Fleischner risk judgement: low or high (both recommendations are given when absent)", HelpName = "low|high" };

    public Option<string> Purpose { get; } = new("--purpose") { Description = "Why the CT was done: screening (Lung-RADS), diagnostic (incidental: Fleischner) or unknown", DefaultValueFactory = _ => "unknown", HelpName = "purpose" };

    public PatientOptions()
    {
        Sex.AcceptOnlyFromAmong("M", "F", "m", "f");
        Risk.AcceptOnlyFromAmong("low", "high");
        Purpose.AcceptOnlyFromAmong("screening", "diagnostic", "unknown");
    }

    public IEnumerable<Option> All => [Age, Sex, FamilyHistory, Emphysema, Risk, Purpose];

    public PatientContext Patient(ParseResult result)
    {
        double? age = result.GetValue(Age);
        if (age is < 0 or > 130)
        {
            throw new InputProblemException("--age", "must be between 0 and 130 years");
        }

        return new PatientContext
        {
            AgeYears = age,
            Sex = DicomPatientAttributes.ParseSex(result.GetValue(Sex)),
            FamilyHistoryOfLungCancer = result.GetValue(FamilyHistory),
            Emphysema = result.GetValue(Emphysema),
            LungCancerRisk = result.GetValue(Risk) switch { "low" => RiskLevel.Low, "high" => RiskLevel.High, _ => null },
        };
    }

    public ExamPurpose ExamPurpose(ParseResult result) => result.GetValue(Purpose) switch
    {
        "screening" => Clinical.ExamPurpose.LungCancerScreening,
        "diagnostic" => Clinical.ExamPurpose.Diagnostic,
        _ => Clinical.ExamPurpose.Unknown,
    };
}
