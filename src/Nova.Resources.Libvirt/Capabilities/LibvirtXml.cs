using System.Xml;
using System.Xml.Linq;

namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>
/// Loads XML that libvirt wrote. libvirt never writes a document type declaration, so one is refused outright
/// (<see cref="DtdProcessing.Prohibit"/>): no entity is expanded and nothing outside the string is read, however the
/// text was made. <see cref="XElement.Parse(string)"/> would process the DTD and expand up to 10 million characters.
/// Elements nested deeper than <see cref="MaxDepth"/> (libxml2's own default limit, which libvirt parses with) are
/// refused too: building an <see cref="XElement"/> tree takes time quadratic in its depth.
/// </summary>
internal static class LibvirtXml
{
    /// <summary>The deepest element accepted (the root is at depth 0).</summary>
    public const int MaxDepth = 256;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
    };

    /// <summary>Parses a document into its root element.</summary>
    /// <param name="xml">The XML text.</param>
    /// <returns>The root element.</returns>
    /// <exception cref="XmlException">
    /// The text is not well formed, has a document type declaration, or nests elements deeper than <see cref="MaxDepth"/>.
    /// </exception>
    public static XElement Parse(string xml)
    {
        // A streaming pass (linear, no tree) checks the depth and well-formedness before the tree is built.
        using (var scan = XmlReader.Create(new StringReader(xml), Settings))
        {
            while (scan.Read())
            {
                if (scan.Depth > MaxDepth)
                {
                    throw new XmlException($"Elements are nested deeper than {MaxDepth} levels.", null, ((IXmlLineInfo)scan).LineNumber, ((IXmlLineInfo)scan).LinePosition);
                }
            }
        }

        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        return XElement.Load(reader);
    }
}
