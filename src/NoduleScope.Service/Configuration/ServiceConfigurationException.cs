namespace NoduleScope.Service.Configuration;

/// <summary>The configuration cannot be used as it is (unreadable, invalid, or unsafe); the message says what to change.</summary>
public sealed class ServiceConfigurationException : Exception
{
    public ServiceConfigurationException(string message)
        : base(message)
    {
    }

    public ServiceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
