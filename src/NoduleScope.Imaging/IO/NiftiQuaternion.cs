namespace NoduleScope.Imaging.IO;

/// <summary>
/// The NIfTI-1 qform rotation: quaternion (b, c, d) with a = √(1 − b² − c² − d²), and qfac (±1) that flips the third
/// axis. Conversions follow nifti1_io (nifti_quatern_to_mat44, nifti_mat44_to_quatern), which every reader shares.
/// </summary>
internal readonly record struct NiftiQuaternion(double B, double C, double D, double Qfac)
{
    /// <summary>Voxel-to-world affine: rotation · diag(dx, dy, qfac·dz) plus the offset.</summary>
    public VoxelAffine ToAffine(Vector3D spacing, Vector3D offset)
    {
        double b = B, c = C, d = D;
        double a = 1.0 - ((b * b) + (c * c) + (d * d));
        if (a < 1e-7)
        {
            // Rounding pushed |(b, c, d)| to or past 1: a 180° rotation; renormalise as nifti1_io does.
            a = 1.0 / Math.Sqrt((b * b) + (c * c) + (d * d));
            b *= a;
            c *= a;
            d *= a;
            a = 0;
        }
        else
        {
            a = Math.Sqrt(a);
        }

        var column0 = new Vector3D((a * a) + (b * b) - (c * c) - (d * d), 2 * ((b * c) + (a * d)), 2 * ((b * d) - (a * c)));
        var column1 = new Vector3D(2 * ((b * c) - (a * d)), (a * a) + (c * c) - (b * b) - (d * d), 2 * ((c * d) + (a * b)));
        var column2 = new Vector3D(2 * ((b * d) + (a * c)), 2 * ((c * d) - (a * b)), (a * a) + (d * d) - (c * c) - (b * b));
        double zSign = Qfac < 0 ? -1 : 1;
        return new VoxelAffine(column0 * spacing.X, column1 * spacing.Y, column2 * (spacing.Z * zSign), offset);
    }

    /// <summary>The quaternion and qfac of the rotation nearest to the (column-normalised) matrix.</summary>
    public static NiftiQuaternion FromDirections(Matrix3 directions)
    {
        Matrix3 p = directions.NearestOrthogonal();
        double qfac = 1;
        if (p.Determinant <= 0)
        {
            qfac = -1;
            p = new Matrix3(p.Column0, p.Column1, p.Column2 * -1);
        }

        double r11 = p[0, 0], r12 = p[0, 1], r13 = p[0, 2];
        double r21 = p[1, 0], r22 = p[1, 1], r23 = p[1, 2];
        double r31 = p[2, 0], r32 = p[2, 1], r33 = p[2, 2];
        double a = r11 + r22 + r33 + 1.0, b, c, d;
        if (a > 0.5)
        {
            a = 0.5 * Math.Sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        }
        else
        {
            double xd = 1.0 + r11 - (r22 + r33);
            double yd = 1.0 + r22 - (r11 + r33);
            double zd = 1.0 + r33 - (r11 + r22);
            if (xd > 1.0)
            {
                b = 0.5 * Math.Sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            }
            else if (yd > 1.0)
            {
                c = 0.5 * Math.Sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }

            if (a < 0)
            {
                b = -b;
                c = -c;
                d = -d;
            }
        }

        return new NiftiQuaternion(b, c, d, qfac);
    }
}
