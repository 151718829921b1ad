output "cluster_name" {
  description = "EKS cluster name: POST /api/v1/clusters/discover registers it with its node groups."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "Kubernetes API server URL."
  value       = aws_eks_cluster.this.endpoint
}

output "node_groups" {
  description = "Node group name => instance type and max size, as ModelFleet's node pools will show them."
  value = { for k, ng in aws_eks_node_group.this : ng.node_group_name => {
    instance_type = ng.instance_types[0]
    capacity_type = ng.capacity_type
    max_size      = ng.scaling_config[0].max_size
  } }
}

output "modelfleet_role_arn" {
  description = "IRSA role for the ServiceAccount modelfleet (annotation eks.amazonaws.com/role-arn)."
  value       = aws_iam_role.modelfleet.arn
}

output "database_endpoint" {
  description = "host:port of the control plane's PostgreSQL (Secret modelfleet-db host/port)."
  value       = aws_db_instance.this.endpoint
}

output "database_secret_arn" {
  description = "Secrets Manager secret holding the database master password."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
