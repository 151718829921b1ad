# One managed node group per hardware class of profiles/. Every instance type here must be a hardware profile
# in profiles/hardware/, and every device_resource must be that profile's resourceName: the test
# TerraformModuleTest parses this file and checks both.
locals {
  node_groups = {
    gpu_t4 = {
      instance_types  = ["g4dn.xlarge"]
      ami_type        = "AL2023_x86_64_NVIDIA"
      capacity_type   = "ON_DEMAND"
      device_resource = "nvidia.com/gpu"
      taint_key       = "nvidia.com/gpu"
      enabled         = true
    }
    neuron = {
      instance_types  = ["inf2.xlarge"]
      ami_type        = "AL2023_x86_64_NEURON"
      capacity_type   = "ON_DEMAND"
      device_resource = "aws.amazon.com/neuroncore"
      taint_key       = "aws.amazon.com/neuron"
      enabled         = true
    }
    cpu = {
      instance_types  = ["c7i.xlarge"]
      ami_type        = "AL2023_x86_64_STANDARD"
      capacity_type   = "ON_DEMAND"
      device_resource = ""
      taint_key       = ""
      enabled         = true
    }
    cpu_spot = {
      instance_types  = ["c6i.xlarge"]
      ami_type        = "AL2023_x86_64_STANDARD"
      capacity_type   = "SPOT"
      device_resource = ""
      taint_key       = ""
      enabled         = true
    }
    fpga = {
      instance_types  = ["f2.6xlarge"]
      ami_type        = "AL2023_x86_64_STANDARD"
      capacity_type   = "ON_DEMAND"
      device_resource = "xilinx.com/fpga"
      taint_key       = "xilinx.com/fpga"
      enabled         = var.enable_fpga
    }
  }
  enabled_node_groups = { for k, v in local.node_groups : k => v if v.enabled }
}

resource "aws_eks_node_group" "this" {
  for_each        = local.enabled_node_groups
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = replace(each.key, "_", "-")
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = aws_subnet.private[*].id
  instance_types  = each.value.instance_types
  ami_type        = each.value.ami_type
  capacity_type   = each.value.capacity_type

  scaling_config {
    min_size     = var.node_group_sizes[each.key].min
    max_size     = var.node_group_sizes[each.key].max
    desired_size = var.node_group_sizes[each.key].min
  }

  labels = {
    "node.kubernetes.io/instance-type" = each.value.instance_types[0]
    "karpenter.sh/capacity-type"       = lower(replace(each.value.capacity_type, "_", "-"))
  }

  dynamic "taint" {
    for_each = each.value.taint_key == "" ? [] : [each.value.taint_key]
    content {
      key    = taint.value
      value  = "true"
      effect = "NO_SCHEDULE"
    }
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}

# Device plugins that advertise the extended resources ModelFleet's pods request.
resource "helm_release" "nvidia_device_plugin" {
  name       = "nvidia-device-plugin"
  repository = "https://nvidia.github.io/k8s-device-plugin"
  chart      = "nvidia-device-plugin"
  namespace  = "kube-system"
  version    = "0.17.0"
  values = [yamlencode({
    tolerations  = [{ key = "nvidia.com/gpu", operator = "Exists", effect = "NoSchedule" }]
    nodeSelector = { "node.kubernetes.io/instance-type" = "g4dn.xlarge" }
  })]
}

resource "helm_release" "neuron_device_plugin" {
  name       = "neuron-helm-chart"
  repository = "oci://public.ecr.aws/neuron"
  chart      = "neuron-helm-chart"
  namespace  = "kube-system"
  version    = "1.1.1"
  values = [yamlencode({
    npd            = { enabled = false }
    devicePlugin   = { tolerations = [{ key = "aws.amazon.com/neuron", operator = "Exists", effect = "NoSchedule" }] }
  })]
}
