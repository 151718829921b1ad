# IRSA: the role ModelFleet's ServiceAccount assumes. The policy allows exactly the AWS calls ModelFleet makes
# (cloud.aws): prices, spot prices, instance offerings, vCPU quotas, EKS discovery, artifact checks. EKS bearer
# tokens are presigned sts:GetCallerIdentity calls, which need no permission.
locals {
  modelfleet_actions = [
    "pricing:GetProducts",
    "ec2:DescribeSpotPriceHistory",
    "ec2:DescribeInstanceTypeOfferings",
    "servicequotas:GetServiceQuota",
    "eks:ListClusters",
    "eks:DescribeCluster",
    "eks:ListNodegroups",
    "eks:DescribeNodegroup",
  ]
  artifact_actions = ["s3:GetObject"] # HeadObject (with checksum mode) is authorised by s3:GetObject
  oidc_issuer      = replace(aws_iam_openid_connect_provider.this.url, "https://", "")
}

data "aws_iam_policy_document" "modelfleet_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.this.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.modelfleet_namespace}:modelfleet"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "modelfleet" {
  statement {
    sid       = "PlanAndDiscover"
    effect    = "Allow"
    actions   = local.modelfleet_actions
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.artifact_bucket_arns
    content {
      sid       = "VerifyArtifacts${statement.key}"
      effect    = "Allow"
      actions   = local.artifact_actions
      resources = ["${statement.value}/*"]
    }
  }
}

resource "aws_iam_role" "modelfleet" {
  name               = "${var.name}-control-plane"
  assume_role_policy = data.aws_iam_policy_document.modelfleet_trust.json
}

resource "aws_iam_role_policy" "modelfleet" {
  name   = "modelfleet"
  role   = aws_iam_role.modelfleet.id
  policy = data.aws_iam_policy_document.modelfleet.json
}

# Lets the control plane's role reach the Kubernetes API of this cluster (EKS access entry + admin policy
# scoped by k8s/ RBAC inside the cluster).
resource "aws_eks_access_entry" "modelfleet" {
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_iam_role.modelfleet.arn
}
