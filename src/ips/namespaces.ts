// XML namespaces of the IPS API 2014-04-03, as its WSDL declares them: each IPS release has a types namespace of its
// own (this one is the newest public), while the fault elements keep the unversioned one.

/** Versioned types namespace: every …Param/…Return element and, in 2014-04-03, the authHeader. */
export const TYPES_NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
/** Unversioned namespace of the three fault elements. */
export const FAULT_NS = 'http://www.scene7.com/IpsApi/xsd';
/** SOAP 1.1 envelope. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** XML Schema instance: `xsi:nil`. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
