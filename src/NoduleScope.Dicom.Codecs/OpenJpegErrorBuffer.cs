using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NoduleScope.Dicom.Codecs;

/// <summary>Keeps the first error OpenJPEG reports during one decode (client data of its message handlers).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegErrorBuffer
{
    private const int Capacity = 256;

    private fixed byte message[Capacity];
    private int length;

    /// <summary>The first error, or null when none was reported.</summary>
    public string? Message
    {
        get
        {
            if (length == 0)
            {
                return null;
            }

            fixed (byte* text = message)
            {
                return Encoding.UTF8.GetString(text, length).TrimEnd();
            }
        }
    }

    /// <summary>opj_msg_callback for errors.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void OnError(byte* text, void* clientData)
    {
        var buffer = (OpenJpegErrorBuffer*)clientData;
        if (buffer is null || text is null || buffer->length != 0)
        {
            return;
        }

        int count = 0;
        while (count < Capacity && text[count] != 0)
        {
            buffer->message[count] = text[count];
            count++;
        }

        buffer->length = count;
    }

    /// <summary>opj_msg_callback for warnings and information: dropped, so nothing reaches stdout.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void Ignore(byte* text, void* clientData)
    {
    }
}
