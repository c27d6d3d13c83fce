namespace NoduleScope.Dicom.Codecs;

/// <summary>Layout and prediction constants of one lossless JPEG scan over the interleaved sample buffer.</summary>
internal readonly record struct JpegLosslessScanGeometry(int Width, int Stride, int Predictor, int InitialPrediction)
{
    /// <summary>Distance in samples between vertically adjacent samples.</summary>
    public int RowStride => Width * Stride;
}
