/** Security Hub checks the CIS metric filters in this namespace (metric value 1, alarm at >= 1). */
export const CIS_METRIC_NAMESPACE = 'LogMetrics';
