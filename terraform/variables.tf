variable "name" {
  description = "Name of the EKS cluster and prefix of everything this module creates."
  type        = string
  default     = "modelfleet"
}

variable "region" {
  description = "AWS region. F2 (FPGA) node groups are created only where the region offers f2.6xlarge."
  type        = string
  default     = "us-east-1"
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; three public and three private subnets are carved from it."
  type        = string
  default     = "10.40.0.0/16"
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.31"
}

variable "node_group_sizes" {
  description = "Min and max nodes per node group key (see local.node_groups). Max sizes become ModelFleet's maxNodes."
  type = map(object({
    min = number
    max = number
  }))
  default = {
    gpu_t4    = { min = 0, max = 10 }
    neuron    = { min = 0, max = 10 }
    cpu       = { min = 1, max = 20 }
    cpu_spot  = { min = 0, max = 20 }
    fpga      = { min = 0, max = 2 }
  }
}

variable "enable_fpga" {
  description = "Create the F2 node group. Set false in regions without f2.6xlarge (check DescribeInstanceTypeOfferings)."
  type        = bool
  default     = true
}

variable "db_instance_class" {
  description = "RDS instance class of the control plane's PostgreSQL."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_allocated_storage_gib" {
  description = "Storage of the control plane's PostgreSQL, GiB."
  type        = number
  default     = 20
}

variable "modelfleet_namespace" {
  description = "Namespace of the ModelFleet ServiceAccount that assumes the IRSA role (k8s/overlays/production)."
  type        = string
  default     = "modelfleet"
}

variable "artifact_bucket_arns" {
  description = "S3 buckets holding variant artifacts; ModelFleet may HeadObject/GetObject in them."
  type        = list(string)
  default     = []
}
